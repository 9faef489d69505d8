import fs from 'node:fs';
import path from 'node:path';
import { redactSecrets } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** JSON-lines file logger; every line passes through redaction so no key can reach the disk. */
export function createFileLogger(logDir: string, echo = false): Logger {
  fs.mkdirSync(logDir, { recursive: true });
  const file = path.join(logDir, 'main.log');
  const log = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    const line = redactSecrets(JSON.stringify({ at: new Date().toISOString(), level, message, ...fields }));
    fs.appendFileSync(file, line + '\n');
    if (echo) process.stderr.write(line + '\n');
  };
  return {
    log,
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}
