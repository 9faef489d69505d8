import fs from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const SOCKET_DIR = '/var/run/postgresql';

/**
 * Where the tests reach PostgreSQL: SC_TEST_PG_URL (a role that may create databases), or else the local
 * server's socket as the OS user (CI creates that role at start, see .ci/run).
 */
export function adminUrl(): string | null {
  if (process.env.SC_TEST_PG_URL) return process.env.SC_TEST_PG_URL;
  const socket = fs.existsSync(SOCKET_DIR) ? fs.readdirSync(SOCKET_DIR).find((f) => /^\.s\.PGSQL\.\d+$/.test(f)) : null;
  if (!socket) return null;
  const port = socket.split('.').pop();
  return `postgresql://${os.userInfo().username}@localhost/postgres?host=${SOCKET_DIR}&port=${port}`;
}

/** Null when a PostgreSQL server is reachable; otherwise why the PostgreSQL tests skip (printed once). */
export const pgUnavailable: string | null = adminUrl()
  ? null
  : 'no PostgreSQL server: no socket in /var/run/postgresql and SC_TEST_PG_URL is unset (CI installs and starts one)';
if (pgUnavailable) console.warn(`[team tests skipped] ${pgUnavailable}`);

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh database of its own for one test file; drop() removes it (and ends whatever still uses it). */
export async function createTestDatabase(
  prefix = 'sc_team',
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const admin = adminUrl()!;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return {
    url: withDatabase(admin, name),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The same database reached over TCP as another login role (password auth, as a console connects). */
export function asRole(databaseUrl: string, role: string, password: string): string {
  const parsed = new URL(databaseUrl);
  const port = parsed.searchParams.get('port') ?? (parsed.port || '5432');
  const tcp = new URL(`postgresql://127.0.0.1:${port}${parsed.pathname}`);
  tcp.username = role;
  tcp.password = password;
  return tcp.toString();
}
