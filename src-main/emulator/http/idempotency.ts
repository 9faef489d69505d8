import type { Clock } from '../clock';
import type { Db } from '../store/database';
import type { Mode } from '../store/types';

const RETENTION_MS = 24 * 60 * 60 * 1000;

export interface SavedResponse {
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
}

/** Saved first responses per (mode, Idempotency-Key), pruned after 24 h of emulator time. */
export class IdempotencyStore {
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  find(mode: Mode, key: string): SavedResponse | undefined {
    const row = this.db
      .prepare(
        'SELECT fingerprint, status, body, request_id AS requestId, created_ms AS createdMs FROM idempotency WHERE mode = ? AND key = ?',
      )
      .get(mode, key) as (SavedResponse & { createdMs: number }) | undefined;
    if (!row) return undefined;
    if (this.clock.nowMs() - row.createdMs > RETENTION_MS) {
      this.db.prepare('DELETE FROM idempotency WHERE mode = ? AND key = ?').run(mode, key);
      return undefined;
    }
    return row;
  }

  save(mode: Mode, key: string, response: SavedResponse): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO idempotency (mode, key, fingerprint, status, body, request_id, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(mode, key, response.fingerprint, response.status, response.body, response.requestId, this.clock.nowMs());
  }

  /** Marks a key as executing; false if another request with it is still running. */
  begin(mode: Mode, key: string): boolean {
    const slot = `${mode}:${key}`;
    if (this.inFlight.has(slot)) return false;
    this.inFlight.add(slot);
    return true;
  }

  end(mode: Mode, key: string): void {
    this.inFlight.delete(`${mode}:${key}`);
  }
}
