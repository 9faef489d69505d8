import pg from 'pg';

/** A statement runner: the pool (each call its own transaction) or one client inside a transaction. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

export interface PgDatabaseOptions {
  connectionString: string;
  /** Connections held at most; the sync engine's page workers, webhook workers and readers share them. */
  max?: number;
  /** Waits between retries after a lost connection; tests pass their own (no wall-clock sleeps there). */
  wait?: (ms: number) => Promise<void>;
  /** Tries per transaction before a transient failure is thrown (default: until it succeeds). A console passes 1. */
  attempts?: number;
  /** Told about every retried failure (logs; never the connection string). */
  onRetry?: (reason: string, attempt: number) => void;
}

/**
 * SQLSTATEs and socket errors after which running the same transaction again is right: deadlock and
 * serialization failures, a server shutting down or starting up, and connections that broke or never formed.
 */
const TRANSIENT_CODES = new Set([
  '40001',
  '40P01',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOENT',
  'EPIPE',
  'ETIMEDOUT',
]);

export function isTransient(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  if (TRANSIENT_CODES.has(code) || code.startsWith('08')) return true;
  const message = err instanceof Error ? err.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(
    message,
  );
}

/** The connection broke (not the transaction): a deadlock or serialization failure keeps its backoff. */
function isLostConnection(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return isTransient(err) && !code.startsWith('40');
}

const MAX_BACKOFF_MS = 5_000;
const ignore = () => undefined;

/**
 * A PostgreSQL connection pool whose transactions survive a server restart: a transaction that failed on a
 * lost connection (or a deadlock) is run again from the start once the server answers, so work handed to
 * `transaction` must consist of database statements only. Errors that retrying can't fix are thrown.
 */
export class PgDatabase {
  readonly pool: pg.Pool;
  private closed = false;
  private readonly wait: (ms: number) => Promise<void>;

  constructor(private readonly options: PgDatabaseOptions) {
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10 });
    // An idle connection the server closed (restart) must not crash the process: the pool drops it.
    this.pool.on('error', () => undefined);
    this.wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    let deadConnections = 0;
    for (let attempt = 0; ; attempt++) {
      let client: pg.PoolClient | null = null;
      try {
        client = await this.pool.connect();
        // A server that goes away mid-transaction makes the socket error: the failing query reports it.
        client.on('error', ignore);
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        client.off('error', ignore);
        client.release();
        return result;
      } catch (err) {
        if (client) {
          await client.query('ROLLBACK').catch(() => undefined);
          client.off('error', ignore);
          // A connection that failed is not handed out again.
          client.release(isTransient(err) ? (err as Error) : undefined);
        }
        if (this.closed || !isTransient(err) || attempt + 1 >= (this.options.attempts ?? Infinity)) throw err;
        this.options.onRetry?.((err as { code?: string }).code ?? (err as Error).message, attempt);
        // After a server restart every pooled connection is dead, each failing once: those are retried at once on
        // the next connection (waiting there would stall readers that already see a running server); only a
        // server that refuses or breaks new connections, or a conflict, is waited out.
        if (client && isLostConnection(err) && deadConnections++ < (this.options.max ?? 10)) continue;
        await this.wait(Math.min(MAX_BACKOFF_MS, 50 * 2 ** Math.min(attempt, 7)));
      }
    }
  }

  /** One statement, retried like a transaction. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params: unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    return this.transaction((client) => client.query<R>(sql, params));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool.end();
  }
}
