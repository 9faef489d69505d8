import { describe, expect, it } from 'vitest';
import { AppLifecycle, type LifecycleHost, type LifecycleWindow } from '../../src-main/lifecycle/app-lifecycle';

/** Electron's app as the lifecycle sees it: one lock per user, events it can fire, quit/exit recorded. */
class FakeHost implements LifecycleHost {
  static lockHeld = false;
  readonly listeners = new Map<string, ((event: { preventDefault(): void }) => void)[]>();
  quits = 0;
  exitCode: number | null = null;
  private held = false;

  requestSingleInstanceLock(): boolean {
    if (FakeHost.lockHeld) return false;
    FakeHost.lockHeld = this.held = true;
    return true;
  }
  on(event: string, listener: (event: { preventDefault(): void }) => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  emit(event: string): boolean {
    let prevented = false;
    for (const l of this.listeners.get(event) ?? []) l({ preventDefault: () => (prevented = true) });
    return prevented;
  }
  quit(): void {
    this.quits++;
    // Electron fires before-quit on every quit(); one not prevented ends the process and frees the lock.
    if (!this.emit('before-quit') && this.held) FakeHost.lockHeld = this.held = false;
  }
  exit(code: number): void {
    this.exitCode = code;
    if (this.held) FakeHost.lockHeld = this.held = false;
  }
}

class FakeWindow implements LifecycleWindow {
  destroyed = false;
  minimized = true;
  focused = 0;
  private onClosed: (() => void) | null = null;
  isDestroyed = () => this.destroyed;
  isMinimized = () => this.minimized;
  restore = () => void (this.minimized = false);
  show = () => undefined;
  focus = () => void this.focused++;
  once(_event: 'closed', listener: () => void): void {
    this.onClosed = listener;
  }
  close(): void {
    this.destroyed = true;
    this.onClosed?.();
  }
}

function launch(options: { build?: () => Promise<{ start(): Promise<void>; stop(): Promise<void> }> } = {}) {
  const host = new FakeHost();
  const windows: FakeWindow[] = [];
  const errors: string[] = [];
  const log: string[] = [];
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  let stopCalls = 0;
  let finishStop!: () => void;
  const services = {
    start: async () => undefined,
    stop: () => {
      stopCalls++;
      return new Promise<void>((resolve) => (finishStop = resolve));
    },
  };
  const lifecycle = new AppLifecycle<FakeWindow>({
    host,
    whenReady: () => whenReady,
    build: options.build ?? (async () => services),
    createWindow: () => {
      const w = new FakeWindow();
      windows.push(w);
      return w;
    },
    showError: (title, message) => errors.push(`${title}: ${message}`),
    log: (message) => log.push(message),
  });
  const launched = lifecycle.launch();
  return {
    host,
    lifecycle,
    launched,
    windows,
    errors,
    log,
    stopCalls: () => stopCalls,
    finishStop: () => finishStop(),
    async ready() {
      ready();
      await whenReady;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('app lifecycle (defects 5 and 6)', () => {
  it('a second instance gets no lock, quits before building anything, and the first window comes to the front', async () => {
    FakeHost.lockHeld = false;
    const first = launch();
    await first.ready();
    let built = 0;
    const second = launch({
      build: async () => {
        built++;
        return { start: async () => undefined, stop: async () => undefined };
      },
    });
    expect(second.launched).toBe(false);
    expect(second.host.quits).toBe(1);
    await second.ready();
    expect(built).toBe(0);
    expect(second.windows).toHaveLength(0);

    first.host.emit('second-instance');
    expect(first.windows[0]).toMatchObject({ minimized: false, focused: 1 });
  });

  it('quitting waits for the services to stop before the app quits, and stops them once', async () => {
    FakeHost.lockHeld = false;
    const run = launch();
    await run.ready();
    run.host.quit();
    run.host.quit(); // a second Cmd+Q while stopping
    expect(run.stopCalls()).toBe(1);
    expect(FakeHost.lockHeld).toBe(true); // still running: the quit was held
    run.finishStop();
    await run.lifecycle.shutdown();
    await new Promise((resolve) => setImmediate(resolve));
    expect(FakeHost.lockHeld).toBe(false);
    expect(run.stopCalls()).toBe(1);
  });

  it('the window reference is cleared when it closes, so nothing is sent to a destroyed window', async () => {
    FakeHost.lockHeld = false;
    const run = launch();
    await run.ready();
    expect(run.lifecycle.currentWindow).toBe(run.windows[0]);
    run.windows[0]!.close();
    expect(run.lifecycle.currentWindow).toBeNull();
    run.host.emit('second-instance'); // focusing with no window is a no-op, not a crash
  });

  it('a start-up failure shows an error, stops what started and exits with a failure code', async () => {
    FakeHost.lockHeld = false;
    let stopped = 0;
    const run = launch({
      build: async () => ({
        start: async () => {
          throw new Error('app.db is locked');
        },
        stop: async () => void stopped++,
      }),
    });
    await run.ready();
    await new Promise((resolve) => setImmediate(resolve));
    expect(run.errors).toEqual([expect.stringMatching(/could not start: app\.db is locked/)]);
    expect(stopped).toBe(1);
    expect(run.host.exitCode).toBe(1);
    expect(FakeHost.lockHeld).toBe(false);
  });
});
