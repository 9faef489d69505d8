import { EVIDENCE_FILE_MAX_BYTES } from '../../src-preload/contract/disputes';

/** Reads a chosen file's bytes; a file the OS won't give us becomes a clear message, not a silent failure. */
export function readFileBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () =>
      reject(new Error(`“${file.name}” could not be read. Check that it still exists and you may open it.`));
    reader.readAsArrayBuffer(file);
  });
}

/** Refused here already so a 40 MB scan never crosses IPC; main checks again. */
export function tooLargeMessage(size: number): string | null {
  return size > EVIDENCE_FILE_MAX_BYTES
    ? `The file is ${(size / 1024 / 1024).toFixed(1)} MB; Stripe accepts evidence files up to 5 MB.`
    : null;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
