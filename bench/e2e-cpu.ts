/**
 * CPU of an end-to-end run, Chromium included: `npx tsx bench/e2e-cpu.ts [playwright test args…]`
 * (default: the whole browser-host project). Run it inside the keychain session the specs need
 * (`dbus-run-session -- sh -c 'echo pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; …'`).
 *
 * `/usr/bin/time` around Playwright misses most of Chromium: its renderers are not reaped up the chain, so their CPU
 * never reaches the runner's rusage (the whole project: 197 CPU s by `time`, 490 sampled, 07:50 UTC). This samples
 * user+sys of every process under the run every 250 ms, keeps each one's last reading and sums them by kind
 * (a process that lives under 250 ms is missed: a lower bound). Last line: one JSON object of the figures.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const TICKS_PER_S = 100;
const SAMPLE_MS = 250;

interface Proc {
  ppid: number;
  ticks: number;
}

function processes(): Map<number, Proc> {
  const all = new Map<number, Proc>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      all.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // It ended between the listing and the read.
    }
  }
  return all;
}

/** Chromium's processes by their --type, Playwright's by role; anything else by its executable. */
function kindOf(pid: number): string | null {
  let args: string[];
  try {
    args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
  if (args.length === 1) args = args[0]!.split(' '); // Chromium rewrites its title into one string
  const exe = args[0]?.split('/').pop() ?? '';
  if (exe.includes('chrom')) return `chromium ${args.find((a) => a.startsWith('--type='))?.slice(7) ?? 'browser'}`;
  if (exe === 'node') {
    const line = args.join(' ');
    if (line.includes('workerProcessEntry')) return 'playwright worker (specs, hosts, emulators)';
    if (line.includes('playwright')) return 'playwright runner';
  }
  return exe || null;
}

const args = process.argv.slice(2);
const started = Date.now();
const run = spawn('npx', ['playwright', 'test', '--project=browser-host', ...args], { stdio: 'inherit' });
const seen = new Map<number, { kind: string; ticks: number }>();
const sample = () => {
  const all = processes();
  const tree = new Set([run.pid!]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of all)
      if (!tree.has(pid) && tree.has(p.ppid)) {
        tree.add(pid);
        grew = true;
      }
  }
  for (const pid of tree) {
    const p = all.get(pid);
    if (!p) continue;
    const before = seen.get(pid);
    // A process can change what it is (npx execs node, a zygote forks renderers): name it by its latest command.
    const kind = (before && before.ticks === p.ticks ? before.kind : kindOf(pid)) ?? before?.kind ?? '?';
    seen.set(pid, { kind, ticks: Math.max(p.ticks, before?.ticks ?? 0) });
  }
};
const timer = setInterval(sample, SAMPLE_MS);
run.on('exit', (code) => {
  clearInterval(timer);
  const byKind: Record<string, number> = {};
  for (const { kind, ticks } of seen.values()) byKind[kind] = (byKind[kind] ?? 0) + ticks / TICKS_PER_S;
  const cpu = Object.values(byKind).reduce((a, b) => a + b, 0);
  const rounded = Object.fromEntries(
    Object.entries(byKind)
      .filter(([, s]) => s >= 0.05)
      .sort((a, b) => b[1] - a[1])
      .map(([k, s]) => [k, Math.round(s * 10) / 10]),
  );
  console.log(
    JSON.stringify({
      args: args.join(' ') || '(whole browser-host project)',
      exit: code,
      wall_s: Math.round((Date.now() - started) / 100) / 10,
      cpu_s: Math.round(cpu * 10) / 10,
      by_process: rounded,
    }),
  );
  process.exit(code ?? 1);
});
