import type { EventName, EventPayload } from '../../src-preload/contract';

/** Every event with its payload, as one tagged union: a transport forwards it without knowing the shapes. */
export type AnyEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];
type Listener = (name: EventName, payload: unknown) => void;

/** Main→renderer events. Features listen to one event by name (`on`); transports forward them all (`subscribe`). */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  /** Listens to one event, its payload typed by the contract's event map. Returns the unsubscribe function. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.subscribe((emitted, payload) => {
      if (emitted === name) listener(payload as EventPayload<E>);
    });
  }

  /** Every event, for transports (the window's webContents, the test host's WebSocket) and test recorders. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
