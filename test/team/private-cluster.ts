import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The newest PostgreSQL server binaries Debian installed (/usr/lib/postgresql/<version>/bin), or null. */
export function serverBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

/**
 * A PostgreSQL server of the test's own (its own data directory and socket), so a test can restart or kill it
 * without touching the shared one. initdb refuses to run as root: then it runs as the `postgres` OS user.
 */
export function startPrivateCluster() {
  const bin = serverBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = os.userInfo().uid === 0;
  if (asRoot) fs.chownSync(dir, ...ownerOf('postgres'));
  const run = (tool: string, args: string[]) => {
    const command = [path.join(bin, tool), ...args];
    if (asRoot)
      execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', command.map(quote).join(' ')], { stdio: 'ignore' });
    else execFileSync(command[0]!, command.slice(1), { stdio: 'ignore' });
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-k ${dir} -c listen_addresses= -c fsync=off -c max_connections=40`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-w', '-l', path.join(dir, 'log'), 'start']);
  start();
  return {
    url: `postgresql://postgres@localhost/postgres?host=${dir}`,
    /** Kills the server as a crash would (no shutdown checkpoint; open transactions lost). */
    crash: () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']),
    start,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function ownerOf(user: string): [number, number] {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${user}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  return [Number(uid), Number(gid)];
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
