/** The browser bridge's loopback socket, opened before anything else of the bridge runs. */
const token = document.querySelector<HTMLMetaElement>('meta[name="sc-test-token"]')?.content ?? '';
export const socket = new WebSocket(`ws://${location.host}/__ipc?token=${encodeURIComponent(token)}`);
export const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => resolve(), { once: true });
  socket.addEventListener('error', () => reject(new Error('test host connection failed')), { once: true });
});
