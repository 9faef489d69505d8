import type { EventName, EventPayload } from '../../src-preload/contract';

type Listener = (name: EventName, payload: unknown) => void;

/** Main→renderer events. Transports (Electron webContents, the test host's WebSocket) subscribe to it. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
