import type { Settings, WebhookReceiverStatus } from '../../src-preload/contract';
import type { WebhookReceiver } from './webhook-receiver';
import type { WebhookLog } from './webhook-log';

/** Starts, stops and moves the receiver as the Settings say (off by default). */
export class ReceiverControl {
  private listeningPort: number | null = null;
  private error: string | null = null;
  private desired: Settings['webhookReceiver'] = { enabled: false, port: 0, hasSecret: false, secretScopes: [] };
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly receiver: WebhookReceiver,
    private readonly log: WebhookLog,
  ) {}

  apply(settings: Settings['webhookReceiver']): Promise<void> {
    this.desired = settings;
    this.queue = this.queue.then(() => this.reconcile());
    return this.queue;
  }

  status(): WebhookReceiverStatus {
    return {
      enabled: this.desired.enabled,
      listening: this.listeningPort !== null,
      port: this.listeningPort ?? this.desired.port,
      hasSecret: this.desired.hasSecret,
      pending: this.log.pendingCount(),
      refused: this.receiver.refused().count,
      lastRefusal: this.receiver.refused().lastReason,
      error: this.error,
    };
  }

  close(): Promise<void> {
    return this.apply({ ...this.desired, enabled: false });
  }

  private async reconcile(): Promise<void> {
    const { enabled, port } = this.desired;
    if (this.listeningPort !== null && (!enabled || this.listeningPort !== port)) {
      await this.receiver.close();
      this.listeningPort = null;
    }
    if (enabled && this.listeningPort === null) {
      try {
        this.listeningPort = await this.receiver.listen(port);
        this.error = null;
      } catch (err) {
        this.error = `Can’t listen on 127.0.0.1:${port} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`;
      }
    }
  }
}
