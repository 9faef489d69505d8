/**
 * The browser test host's stand-in for the preload: the same `window.stripeConsole` object, carried over a
 * loopback WebSocket instead of Electron IPC. The renderer can't tell the difference.
 */
// First, so the socket opens while the contract's schemas are still being built (imports run in order).
import { opened, socket } from './browser-bridge-socket';
// The names, not the contract's index: building every call's schema here held the page up (main validates).
import { BRIDGE_GLOBAL } from '../../src-preload/contract/bridge';
import { isCallName, isEventName } from '../../src-preload/contract/names';
import type { ConsoleBridge, Result } from '../../src-preload/contract';

type Incoming = { id: number; result: Result<unknown> } | { event: string; payload: unknown };

const pending = new Map<number, (result: Result<unknown>) => void>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let nextId = 1;

socket.addEventListener('message', (message: MessageEvent<string>) => {
  const data = JSON.parse(message.data) as Incoming;
  if ('id' in data) {
    pending.get(data.id)?.(data.result);
    pending.delete(data.id);
  } else {
    for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
  }
});

const bridge: ConsoleBridge = {
  async invoke(call, input) {
    if (!isCallName(call))
      return { ok: false, error: { code: 'invalid_input', message: 'Unknown call.', retryable: false } };
    await opened;
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve as (result: Result<unknown>) => void);
      socket.send(JSON.stringify({ id, call, input }));
    });
  },
  on(event, listener) {
    if (!isEventName(event)) return () => undefined;
    const set = listeners.get(event) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    listeners.set(event, set);
    return () => set.delete(listener as (payload: unknown) => void);
  },
};

Object.defineProperty(window, BRIDGE_GLOBAL, { value: Object.freeze(bridge), writable: false });
