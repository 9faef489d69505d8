/**
 * The app's life as plain logic (no Electron import, so it is tested under Node): one instance per user, the
 * window reference dropped when it closes, quitting only after the services stopped, and a start-up failure
 * shown and ended instead of leaving a running app without a window.
 */

/** The parts of Electron's `app` this uses. */
export interface LifecycleHost {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance' | 'window-all-closed', listener: () => void): void;
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): void;
  quit(): void;
  exit(code: number): void;
}

/** The parts of a BrowserWindow this uses. */
export interface LifecycleWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  once(event: 'closed', listener: () => void): void;
}

export interface Running {
  /** Background work at start-up (reconciliation, sync); runs with the window already showing. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface LifecycleDeps<W extends LifecycleWindow> {
  host: LifecycleHost;
  whenReady(): Promise<void>;
  /** Builds the services (composition root) and connects IPC; may fail. */
  build(): Promise<Running>;
  createWindow(): W;
  /** Tells the user why the app can't start (a native error box). */
  showError(title: string, message: string): void;
  log(message: string, fields?: Record<string, unknown>): void;
}

export class AppLifecycle<W extends LifecycleWindow> {
  private window: W | null = null;
  private running: Running | null = null;
  private stopped = false;
  private stopping: Promise<void> | null = null;

  constructor(private readonly deps: LifecycleDeps<W>) {}

  /**
   * Takes the single-instance lock and wires the app's events. False when another instance holds the lock:
   * this one quits at once (the other is focused through its 'second-instance' event) and touches no data.
   */
  launch(): boolean {
    const { host } = this.deps;
    if (!host.requestSingleInstanceLock()) {
      host.quit();
      return false;
    }
    host.on('second-instance', () => this.focus());
    host.on('window-all-closed', () => host.quit());
    host.on('before-quit', (event) => {
      if (this.stopped || !this.running) return;
      // Hold the quit until every service stopped (a write settles, the databases close), then quit again.
      event.preventDefault();
      void this.shutdown().then(() => host.quit());
    });
    void this.deps.whenReady().then(() => this.open());
    return true;
  }

  /** The window while it is open; null once closed (nothing may be sent to a destroyed window). */
  get currentWindow(): W | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  /** Resolves once the services stopped; calling it again waits for the same stop. */
  shutdown(): Promise<void> {
    this.stopping ??= (this.running?.stop() ?? Promise.resolve())
      .catch((err: unknown) => this.deps.log('stopping the services failed', { error: String(err) }))
      .finally(() => {
        this.stopped = true;
      });
    return this.stopping;
  }

  private async open(): Promise<void> {
    try {
      this.running = await this.deps.build();
      const window = this.deps.createWindow();
      window.once('closed', () => {
        if (this.window === window) this.window = null;
      });
      this.window = window;
      await this.running.start();
    } catch (err) {
      this.deps.log('start-up failed', { error: String(err) });
      this.deps.showError(
        'Stripe Console could not start',
        `${err instanceof Error ? err.message : String(err)}\n\nThe details are in the log.`,
      );
      await this.shutdown();
      this.deps.host.exit(1);
    }
  }

  private focus(): void {
    const window = this.currentWindow;
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }
}
