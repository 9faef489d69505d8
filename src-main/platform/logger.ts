import fs from 'node:fs';
import path from 'node:path';
import { redactSecrets, redactValue } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * JSON-lines file logger, readable by the user only. Fields are redacted as values before serialisation (keys at
 * any depth, inside Errors), and the line once more after it, so no key can reach the disk.
 */
export function createFileLogger(logDir: string, echo = false): Logger {
  fs.mkdirSync(logDir, { recursive: true, mode: 0o700 });
  const file = path.join(logDir, 'main.log');
  const log = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    const entry = redactValue({ at: new Date().toISOString(), level, message, ...fields });
    const line = redactSecrets(JSON.stringify(entry));
    try {
      fs.appendFileSync(file, line + '\n', { mode: 0o600 });
    } catch {
      // The log can't be written (its folder removed, the disk full): a lost line beats failing the work that logged.
    }
    if (echo) process.stderr.write(line + '\n');
  };
  return {
    log,
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}
