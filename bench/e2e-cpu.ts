/**
 * CPU of an end-to-end run, Chromium included, per spec: `npx tsx bench/e2e-cpu.ts [playwright test args…]`
 * (default: the whole browser-host project). Run it inside the keychain session the specs need
 * (`dbus-run-session -- sh -c 'echo pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; …'`).
 *
 * `/usr/bin/time` around Playwright misses most of Chromium: its renderers are not reaped up the chain, so their CPU
 * never reaches the runner's rusage (the whole project: 197 CPU s by `time`, 490 sampled, 07:50 UTC). This samples
 * user+sys of every process under the run every 250 ms and sums the growth by kind (a process that lives under
 * 250 ms is missed: a lower bound). A worker's CPU and its Chromium's go to the spec file the worker was running
 * then (its tests' start times, from Playwright's JSON report), teardown after a spec's last test included.
 * Output: a table per spec, then one line of JSON with the figures.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const TICKS_PER_S = 100;
const SAMPLE_MS = 250;
const RUNNER = '(runner)';
const WORKER_START = '(workers, before their first test)';

interface Proc {
  ppid: number;
  ticks: number;
  /** Clock ticks after boot when the process started: orders Playwright's workers by their index. */
  started: number;
}

function processes(): Map<number, Proc> {
  const all = new Map<number, Proc>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      all.set(Number(entry), {
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
        started: Number(fields[19]),
      });
    } catch {
      // It ended between the listing and the read.
    }
  }
  return all;
}

const WORKER = 'playwright worker (specs, hosts, emulators)';

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
    if (line.includes('workerProcessEntry')) return WORKER;
    if (line.includes('playwright')) return 'playwright runner';
  }
  return exe || null;
}

interface Seen {
  kind: string;
  ticks: number;
  /** The Playwright worker it runs under (itself, for a worker), once known. */
  worker: number | null;
}

/** CPU ticks by spec file, then by kind of process. */
type Ledger = Map<string, Map<string, number>>;

/** A worker's CPU at a moment, not yet given to a spec (which spec is known only from the report at the end). */
interface Growth {
  at: number;
  worker: number;
  kind: string;
  ticks: number;
}

const args = process.argv.slice(2);
const started = Date.now();
const report = path.resolve(`.tmp/e2e-cpu-${process.pid}.json`);
fs.mkdirSync(path.dirname(report), { recursive: true });
// The JSON report to a file of its own: the config's file is shared with anyone else running Playwright here.
const run = spawn('npx', ['playwright', 'test', '--project=browser-host', '--reporter=list,json', ...args], {
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: report },
});
const seen = new Map<number, Seen>();
const workerStarts = new Map<number, [number, number]>();
const growth: Growth[] = [];
const runnerTicks = new Map<string, number>();

const sample = () => {
  const all = processes();
  const at = Date.now();
  const tree = new Set([run.pid!]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of all)
      if (!tree.has(pid) && tree.has(p.ppid)) {
        tree.add(pid);
        grew = true;
      }
  }
  const workerOf = (pid: number): number | null => {
    for (let at = pid; tree.has(at); at = all.get(at)!.ppid) if (seen.get(at)?.kind === WORKER) return at;
    return null;
  };
  for (const pid of tree) {
    const p = all.get(pid);
    if (!p) continue;
    const before = seen.get(pid);
    // A process can change what it is (npx execs node, a zygote forks renderers): name it by its latest command.
    const kind = (before && before.ticks === p.ticks ? before.kind : kindOf(pid)) ?? before?.kind ?? '?';
    const ticks = Math.max(p.ticks, before?.ticks ?? 0);
    const entry: Seen = { kind, ticks, worker: before?.worker ?? null };
    seen.set(pid, entry);
    if (kind === WORKER && !workerStarts.has(pid)) workerStarts.set(pid, [p.started, pid]);
    entry.worker ??= workerOf(pid);
    const grown = ticks - (before?.ticks ?? 0);
    if (grown === 0) continue;
    if (entry.worker === null) runnerTicks.set(kind, (runnerTicks.get(kind) ?? 0) + grown);
    else growth.push({ at, worker: entry.worker, kind, ticks: grown });
  }
};

interface ReportedTest {
  file: string;
  workerIndex: number;
  start: number;
  end: number;
}

interface JsonSuite {
  file: string;
  suites?: JsonSuite[];
  specs?: { tests: { results: { workerIndex: number; startTime: string; duration: number }[] }[] }[];
}

function reportedTests(): ReportedTest[] {
  const found: ReportedTest[] = [];
  const walk = (suite: JsonSuite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests)
        for (const r of t.results) {
          const start = Date.parse(r.startTime);
          found.push({ file: suite.file, workerIndex: r.workerIndex, start, end: start + r.duration });
        }
    for (const inner of suite.suites ?? []) walk({ ...inner, file: inner.file ?? suite.file });
  };
  const parsed = JSON.parse(fs.readFileSync(report, 'utf8')) as { suites: JsonSuite[] };
  for (const suite of parsed.suites) walk(suite);
  return found.sort((a, b) => a.start - b.start);
}

/** Each sample of a worker goes to the spec whose test it started last (a spec's setup and teardown included). */
function bySpec(tests: ReportedTest[]): Ledger {
  // Workers are forked in the order of their index; a restarted worker (after a failure) takes the next one.
  const indexOf = new Map(
    [...workerStarts.entries()].sort((a, b) => a[1][0] - b[1][0] || a[1][1] - b[1][1]).map(([pid], i) => [pid, i]),
  );
  const ledger: Ledger = new Map();
  const add = (file: string, kind: string, ticks: number) => {
    const kinds = ledger.get(file) ?? new Map<string, number>();
    kinds.set(kind, (kinds.get(kind) ?? 0) + ticks);
    ledger.set(file, kinds);
  };
  for (const g of growth) {
    const index = indexOf.get(g.worker);
    // A sample reads CPU spent during the 250 ms before it.
    const last = tests.filter((t) => t.workerIndex === index && t.start <= g.at - SAMPLE_MS / 2).pop();
    add(last?.file ?? WORKER_START, g.kind, g.ticks);
  }
  for (const [kind, ticks] of runnerTicks) add(RUNNER, kind, ticks);
  return ledger;
}

const seconds = (ticks: number) => Math.round((ticks / TICKS_PER_S) * 10) / 10;
const sum = (kinds: Map<string, number>, match: (kind: string) => boolean) =>
  [...kinds].filter(([k]) => match(k)).reduce((a, [, t]) => a + t, 0);

const timer = setInterval(sample, SAMPLE_MS);
run.on('exit', (code) => {
  clearInterval(timer);
  sample();
  let tests: ReportedTest[] = [];
  try {
    tests = reportedTests();
  } catch (error) {
    console.error(`no per-spec figures: ${(error as Error).message}`);
  }
  fs.rmSync(report, { force: true });
  const ledger = bySpec(tests);
  const byKind: Record<string, number> = {};
  const specs: Record<string, { cpu_s: number; chromium_s: number; worker_s: number; test_s: number }> = {};
  for (const [file, kinds] of ledger) {
    for (const [kind, ticks] of kinds) byKind[kind] = (byKind[kind] ?? 0) + ticks;
    const testMs = tests.filter((t) => t.file === file).reduce((a, t) => a + t.end - t.start, 0);
    specs[file] = {
      cpu_s: seconds(sum(kinds, () => true)),
      chromium_s: seconds(sum(kinds, (k) => k.startsWith('chromium'))),
      worker_s: seconds(sum(kinds, (k) => k === WORKER)),
      test_s: Math.round(testMs / 100) / 10,
    };
  }
  const ranked = Object.entries(specs).sort((a, b) => b[1].cpu_s - a[1].cpu_s);
  console.log('\nspec                                        CPU s  Chromium  worker  test wall s');
  for (const [file, s] of ranked)
    console.log(
      `${file.padEnd(42)} ${String(s.cpu_s).padStart(6)} ${String(s.chromium_s).padStart(9)} ` +
        `${String(s.worker_s).padStart(7)} ${String(s.test_s).padStart(12)}`,
    );
  const total = Object.values(byKind).reduce((a, b) => a + b, 0);
  console.log(
    JSON.stringify({
      args: args.join(' ') || '(whole browser-host project)',
      exit: code,
      wall_s: Math.round((Date.now() - started) / 100) / 10,
      cpu_s: seconds(total),
      by_process: Object.fromEntries(
        Object.entries(byKind)
          .filter(([, t]) => t >= 5)
          .sort((a, b) => b[1] - a[1])
          .map(([k, t]) => [k, seconds(t)]),
      ),
      by_spec: Object.fromEntries(ranked),
    }),
  );
  process.exit(code ?? 1);
});
