import fs from 'node:fs';
import path from 'node:path';

const MEMORY = '/dev/shm';
const PREFIX = 'sc-test-';
/** Below this much free memory filesystem (a container's 64 MB /dev/shm), the run keeps the disk's temporary dir. */
const ENOUGH_BYTES = 2 * 1024 ** 3;

/**
 * The global setup of Vitest and of Playwright: the run's temporary files (data dirs, SQLite files, emulator stores,
 * PostgreSQL clusters, Chromium's profiles) go to one directory in memory (/dev/shm) when the machine has one with
 * room, removed when the run ends. On disk, every SQLite commit, checkpoint and close paid the file system's journal
 * in kernel CPU; the files and the code that writes them are the same. Workers (both runners') inherit TMPDIR, so `os.tmpdir()` answers this directory.
 */
export default function useMemoryTmpDir(): () => void {
  if (!hasRoom()) return () => undefined;
  removeKilledRuns();
  const dir = fs.mkdtempSync(path.join(MEMORY, `${PREFIX}${process.pid}-`));
  // As /tmp is: anyone may create files (PostgreSQL's private clusters run initdb as the postgres user).
  fs.chmodSync(dir, 0o1777);
  process.env['TMPDIR'] = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

function hasRoom(): boolean {
  try {
    fs.accessSync(MEMORY, fs.constants.W_OK);
    const stats = fs.statfsSync(MEMORY);
    return stats.bavail * stats.bsize >= ENOUGH_BYTES;
  } catch {
    return false;
  }
}

/** A run killed before its teardown leaves its directory in memory: removed once its process is gone. */
function removeKilledRuns(): void {
  for (const name of fs.readdirSync(MEMORY)) {
    const pid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (pid && !isAlive(pid)) fs.rmSync(path.join(MEMORY, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
