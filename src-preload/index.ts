/**
 * The preload bridge: exposes exactly the contract, as one object, and nothing else from Node or Electron.
 * Raw ipcRenderer never leaves this file.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// The names, not the contract's index: forwarding needs no schema, and main validates every payload.
import { BRIDGE_GLOBAL } from './contract/bridge';
import { callChannel, EVENT_CHANNEL, isCallName, isEventName } from './contract/names';
import type { ConsoleBridge, Result } from './contract';

const bridge: ConsoleBridge = {
  invoke(call, input) {
    if (!isCallName(call)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'invalid_input', message: 'Unknown call.', retryable: false },
      });
    }
    return ipcRenderer.invoke(callChannel(call), input) as Promise<Result<never>>;
  },
  on(event, listener) {
    if (!isEventName(event)) return () => undefined;
    const handler = (_e: IpcRendererEvent, message: { name: string; payload: unknown }) => {
      if (message.name === event) listener(message.payload as never);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
