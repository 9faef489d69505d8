/**
 * Team mode: `npm run bench:team -- --consoles 20 [--customers 2000] [--webhooks 10000] [--concurrency 64] [--pipeline 1]
 * [--webhooks-only]`.
 * One team sync service (the desktop's sync engine on PostgreSQL, at the team's 10 req/s test-mode budget) serves
 * 1, then N consoles copying the team database into their own SQLite caches; Stripe (the emulator, behind a
 * counting proxy) sees the service's requests only. Then: same-second updates delivered newest first racing the
 * service's own poller (stale rows after the refetches), signed webhooks sustained through the endpoint (signature,
 * inbox, SKIP LOCKED workers, PostgreSQL), and agents refunding one charge at once. PostgreSQL: SC_BENCH_PG_URL, or
 * the local server's socket as the OS user. Last line: one JSON object of the figures.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import Stripe from 'stripe';
import { ActivityLog } from '../src-main/activity/activity-log';
import { openAppDatabase } from '../src-main/app/app-db';
import { CacheRegistry } from '../src-main/cache';
import { startEmulator, type RunningEmulator } from '../src-main/emulator';
import { MutationLedger } from '../src-main/mutations/mutation-ledger';
import { MutationStore } from '../src-main/mutations/mutation-store';
import { systemClock } from '../src-main/platform/clock';
import type { Logger } from '../src-main/platform/logger';
import { RefundService } from '../src-main/payments/refund-service';
import { REFUND_CREATE } from '../src-main/mutations/refund-kind';
import { ConnectivityMonitor } from '../src-main/stripe/connectivity';
import { StripeGateway } from '../src-main/stripe/gateway';
import { PgDatabase } from '../src-main/team/pg-database';
import { TeamLedger } from '../src-main/team/team-ledger';
import { TeamSource } from '../src-main/team/team-source';
import { startTeamSync, type TeamSyncApp } from '../src-main/team/team-sync-app';
import { intArg } from './bench-util';
import type { SendOrder, SendReport } from './team-sender';

const silent: Logger = { log() {}, info() {}, warn() {}, error() {} };
const RATE = 10;

function adminUrl(): string {
  if (process.env.SC_BENCH_PG_URL) return process.env.SC_BENCH_PG_URL;
  const dir = '/var/run/postgresql';
  const socket = fs.readdirSync(dir).find((f) => /^\.s\.PGSQL\.\d+$/.test(f));
  if (!socket) throw new Error('No PostgreSQL server: start one (pg_ctlcluster 15 main start) or set SC_BENCH_PG_URL.');
  return `postgresql://${os.userInfo().username}@localhost/postgres?host=${dir}&port=${socket.split('.').pop()}`;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sc_bench_team_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Stripe's side of the wire: every request the emulator answers passes here and is counted. */
async function countingProxy(target: number): Promise<{ port: number; count: () => number; close(): Promise<void> }> {
  let requests = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    requests++;
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: target,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${target}` },
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as { port: number }).port,
    count: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}

/**
 * CPU (ms) used by this database's PostgreSQL backends from now until the returned function is called: read from
 * /proc, so only for a server on this machine (else null). Backends that come and go in between are missed.
 */
async function postgresCpu(db: PgDatabase): Promise<() => Promise<number | null>> {
  const backends = async () =>
    (await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows.map(
      (r) => r.pid,
    );
  const ticks = (pid: number): number | null => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  };
  const start = new Map((await backends()).map((pid) => [pid, ticks(pid)]));
  return async () => {
    let total = 0;
    let seen = false;
    for (const pid of new Set([...start.keys(), ...(await backends())])) {
      const now = ticks(pid);
      if (now === null) continue;
      seen = true;
      total += now - (start.get(pid) ?? 0);
    }
    return seen ? (total * 1000) / 100 : null; // clock ticks at USER_HZ = 100
  };
}

/** Runs the signed deliveries from a child process (bench/team-sender.ts), as any load test drives a server. */
function sendFromOwnProcess(order: SendOrder): Promise<SendReport> {
  return new Promise((resolve, reject) => {
    const sender = fork(path.join(__dirname, 'team-sender.ts'), [], { execArgv: ['--import', 'tsx'] });
    sender.once('message', (report: SendReport) => resolve(report));
    sender.once('error', reject);
    sender.once('exit', (code) => code !== 0 && reject(new Error(`the sender exited with ${code}`)));
    sender.send(order);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => Promise<boolean>, limitMs = 600_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(200);
  }
}

async function startService(emulator: RunningEmulator, proxyPort: number, databaseUrl: string): Promise<TeamSyncApp> {
  return startTeamSync(
    {
      databaseUrl,
      scopes: [
        {
          scope: { accountId: emulator.accountId, mode: 'test' },
          apiKey: emulator.keys.test,
          webhookSecrets: [emulator.webhookSecret],
        },
      ],
      rate: { test: RATE, live: RATE },
      webhook: {
        host: '127.0.0.1',
        port: 0,
        workers: intArg('--workers', 4),
        groupCommit: {
          maxBatch: intArg('--inbox-batch', 256),
          maxInFlight: intArg('--inbox-in-flight', 1),
          maxWaitMs: intArg('--inbox-wait-ms', 0),
        },
      },
      apiEndpoint: { host: '127.0.0.1', port: proxyPort, protocol: 'http' },
      pollIntervalMs: 2000,
    },
    systemClock,
    silent,
  );
}

/** Backfill with `consoles` consoles copying as they go; Stripe requests per second until all of them have it all. */
async function syncWithConsoles(emulator: RunningEmulator, consoles: number) {
  const db = await freshDatabase();
  const proxy = await countingProxy(emulator.port);
  const started = Date.now();
  const app = await startService(emulator, proxy.port, db.url);
  const scope = { accountId: emulator.accountId, mode: 'test' as const };
  const dirs = Array.from({ length: consoles }, () => fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-console-')));
  const readers = dirs.map((dir) => {
    const caches = new CacheRegistry(dir);
    const database = new PgDatabase({ connectionString: db.url, max: 1 });
    return { caches, database, source: new TeamSource(database, caches.open(scope), Date.now) };
  });
  let polling = true;
  const loops = readers.map(async (r) => {
    while (polling) {
      await r.source.pull().catch(() => 0);
      await sleep(500);
    }
  });
  const expected = emulator.admin.counts('customer', 'test');
  await waitFor('backfill and copies', async () => {
    if ((await app.service.status(scope)).phase !== 'incremental') return false;
    return readers.every((r) => r.caches.open(scope).count('customers') === expected);
  });
  const seconds = (Date.now() - started) / 1000;
  const requests = proxy.count();
  polling = false;
  await Promise.all(loops);
  await app.stop();
  for (const r of readers) {
    await r.database.close();
    r.caches.close();
  }
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  await proxy.close();
  await db.drop();
  return { requests, seconds, perSecond: requests / seconds };
}

async function main(): Promise<void> {
  const consoles = intArg('--consoles', 20);
  const customers = intArg('--customers', 2000);
  const webhooks = intArg('--webhooks', 10_000);
  const concurrency = intArg('--concurrency', 64);
  const emulator = await startEmulator({ customers });
  const stripe = new Stripe(emulator.keys.test, { host: '127.0.0.1', port: emulator.port, protocol: 'http' });

  // --webhooks-only skips the consoles' part (ordering, refunds and webhooks only): quicker while tuning the endpoint.
  const withConsoles = !process.argv.includes('--webhooks-only');
  const one = withConsoles ? await syncWithConsoles(emulator, 1) : null;
  if (one)
    console.log(
      `1 console: ${one.requests} Stripe requests in ${one.seconds.toFixed(1)} s = ${one.perSecond.toFixed(2)}/s`,
    );
  const many = withConsoles ? await syncWithConsoles(emulator, consoles) : null;
  if (many)
    console.log(
      `${consoles} consoles: ${many.requests} Stripe requests in ${many.seconds.toFixed(1)} s = ${many.perSecond.toFixed(2)}/s`,
    );

  // Ordering, double effects and webhook throughput on one service and database.
  const db = await freshDatabase();
  const proxy = await countingProxy(emulator.port);
  const app = await startService(emulator, proxy.port, db.url);
  const scope = { accountId: emulator.accountId, mode: 'test' as const };
  const owner = new PgDatabase({ connectionString: db.url, max: 4 });
  await waitFor('backfill', async () => (await app.service.status(scope)).phase === 'incremental');
  const post = async (payload: string, agent: http.Agent) =>
    new Promise<number>((resolve, reject) => {
      const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: emulator.webhookSecret });
      const req = http.request(
        {
          host: '127.0.0.1',
          port: app.webhookPort!,
          method: 'POST',
          path: '/',
          agent,
          headers: { 'content-type': 'application/json', 'stripe-signature': header },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

  // Same-second updates, delivered newest first and twice, while the poller sees them too.
  const raced = (await stripe.customers.list({ limit: 50 })).data;
  const since = Math.floor(Date.now() / 1000) - 1;
  for (const [i, c] of raced.entries()) {
    await stripe.customers.update(c.id, { name: `Older ${i}` });
    await stripe.customers.update(c.id, { name: `Newer ${i}` });
  }
  const events = await stripe.events
    .list({ type: 'customer.updated', created: { gte: since } })
    .autoPagingToArray({ limit: 1000 });
  for (const event of [...events, ...events]) await post(JSON.stringify(event), agent);
  let stale = raced.length;
  await waitFor(
    'refetches settle',
    async () => {
      stale = 0;
      for (const c of raced) {
        const { rows } = await owner.query<{ data: unknown; in_doubt: boolean }>(
          `SELECT data, in_doubt FROM stripe_objects WHERE resource = 'customers' AND id = $1`,
          [c.id],
        );
        const remote = JSON.parse(JSON.stringify(await stripe.customers.retrieve(c.id)));
        if (!rows[0] || rows[0].in_doubt || !isDeepStrictEqual(rows[0].data, remote)) stale++;
      }
      return stale === 0;
    },
    120_000,
  ).catch(() => undefined);
  console.log(`stale rows after ${raced.length} same-second pairs delivered newest first and twice: ${stale}`);

  // Agents refunding one charge at once, per charge: one refund each.
  const charges = (await stripe.charges.list({ limit: 100 })).data
    .filter((c) => c.status === 'succeeded' && c.amount_refunded === 0 && !c.disputed && c.amount > 500)
    .slice(0, 10);
  const consoleDirs: string[] = [];
  const agents = ['Alice', 'Bob', 'Chen'].map((name) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-agent-'));
    consoleDirs.push(dir);
    const appDb = openAppDatabase(dir);
    const activity = new ActivityLog(appDb);
    const gateway = new StripeGateway({
      keys: { keyFor: async () => emulator.keys.test },
      endpointFor: () => ({ host: '127.0.0.1', port: proxy.port, protocol: 'http' }),
      rateFor: () => 100,
      connectivity: new ConnectivityMonitor(),
      clock: systemClock,
    });
    let team: TeamLedger | null = null;
    const ledger = new MutationLedger(new MutationStore(appDb, activity), (s) => gateway.client(s), Date.now, {
      checkpoint: (step, id) => team!.checkpoint(step, id),
    });
    team = new TeamLedger(
      owner,
      (id) => ledger.find(id),
      () => name,
    );
    activity.onRecord((entry) => void team!.recorded(entry).catch(() => undefined));
    new RefundService(
      { ledger, gateway, agent: () => name, now: Date.now },
      { caches: new CacheRegistry(path.join(dir, 'cache')), applyObject: () => undefined },
    );
    return { name, ledger, appDb };
  });
  let doubleEffects = 0;
  for (const charge of charges) {
    await Promise.allSettled(
      agents.map((a) =>
        a.ledger.run({
          scope,
          kind: REFUND_CREATE,
          targetId: charge.id,
          intentId: `bench-${a.name}-${charge.id}`,
          amount: 100,
          currency: charge.currency,
          agent: a.name,
          params: { charge: charge.id, amount: 100, reason: null, note: null },
        }),
      ),
    );
    const refunds = await stripe.refunds.list({ charge: charge.id });
    doubleEffects += Math.max(0, refunds.data.length - 1);
  }
  for (const a of agents) a.appDb.close();
  console.log(`refund races: ${charges.length} charges × ${agents.length} agents → ${doubleEffects} double effects`);

  // Sustained webhooks: distinct events (each a newer snapshot of a stored customer), `concurrency` deliveries in flight.
  const stored = (
    await owner.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM stripe_objects WHERE resource = 'customers' AND NOT deleted LIMIT 1000`,
    )
  ).rows.map((r) => r.data);
  const base = Math.floor(Date.now() / 1000) + 10;
  const eventsFrom = (prefix: string, firstSecond: number) =>
    Array.from({ length: webhooks }, (_, i) =>
      JSON.stringify({
        id: `${prefix}_${i}_${randomBytes(3).toString('hex')}`,
        object: 'event',
        type: 'customer.updated',
        livemode: false,
        created: firstSecond + i, // distinct seconds: each is newer than the last, so no refetches here
        data: { object: { ...stored[i % stored.length], metadata: { bench: String(i) } } },
      }),
    );
  const payloads = eventsFrom('evt_bench', base);
  const appliedBefore = app.workers!.appliedCount;
  const serviceCpu = process.cpuUsage();
  const backendsCpu = await postgresCpu(owner);
  const sent = await sendFromOwnProcess({
    port: app.webhookPort!,
    secret: emulator.webhookSecret,
    concurrency,
    pipeline: intArg('--pipeline', 1),
    payloads,
  });
  const failed = sent.failed;
  await waitFor(
    'workers apply every delivery',
    async () => app.workers!.appliedCount - appliedBefore >= webhooks - failed,
    300_000,
  );
  const serviceCpuMs = ((u) => (u.user + u.system) / 1000)(process.cpuUsage(serviceCpu));
  const postgresCpuMs = (await backendsCpu()) ?? NaN;
  // Sustained: from the first delivery sent to the last one applied in PostgreSQL.
  const seconds = (app.workers!.lastAppliedAt! - sent.firstSentAt) / 1000;
  const ackSeconds = (sent.lastAckedAt - sent.firstSentAt) / 1000;
  const inbox = app.endpoint!.inboxStats;
  const ids = payloads.map((p) => (JSON.parse(p) as { id: string }).id);
  const appliedRows = await owner.query<{ n: string; distinct_n: string }>(
    `SELECT count(*) AS n, count(DISTINCT id) AS distinct_n FROM stripe_events WHERE id = ANY($1) AND applied_at IS NOT NULL`,
    [ids],
  );
  const lost = webhooks - Number(appliedRows.rows[0]!.n);
  doubleEffects += Number(appliedRows.rows[0]!.n) - Number(appliedRows.rows[0]!.distinct_n);
  console.log(
    `webhooks: ${webhooks} acknowledged in ${ackSeconds.toFixed(2)} s, applied in ${seconds.toFixed(2)} s (${failed} not acknowledged); ` +
      `${inbox.batches} inbox INSERTs so far, ${(inbox.deliveries / inbox.batches).toFixed(1)} deliveries each`,
  );
  // CPU per 1,000 webhooks compares designs on a busy machine, where wall-clock rates mostly measure the others.
  const per1000 = (ms: number) => ((ms * 1000) / webhooks).toFixed(0);
  console.log(
    `CPU per 1,000 webhooks: service ${per1000(serviceCpuMs)} ms, sender ${per1000(sent.cpuMs)} ms, ` +
      `PostgreSQL backends ${per1000(postgresCpuMs)} ms`,
  );

  // The workers alone: a backlog in the inbox as the endpoint stores deliveries (written here in one statement,
  // the workers stopped), then drained by one worker.
  const backlog = eventsFrom('evt_backlog', base + webhooks);
  await app.workers!.stop();
  await owner.query(
    `INSERT INTO webhook_inbox (event_id, account_id, mode, received_at, payload)
     SELECT (p::jsonb)->>'id', $1, 'test', $2, p FROM unnest($3::text[]) AS p`,
    [scope.accountId, Date.now(), backlog],
  );
  const drainStarted = Date.now();
  const drained = await app.workers!.drain();
  const applySeconds = (Date.now() - drainStarted) / 1000;
  console.log(`inbox backlog: ${drained} deliveries applied in ${applySeconds.toFixed(1)} s by one worker`);

  agent.destroy();
  await app.stop();
  await owner.close();
  await proxy.close();
  await db.drop();
  for (const dir of consoleDirs) fs.rmSync(dir, { recursive: true, force: true });
  await emulator.stop();
  console.log(
    JSON.stringify({
      consoles,
      customers,
      ...(one && many
        ? {
            stripe_requests_per_s_1: Number(one.perSecond.toFixed(2)),
            [`stripe_requests_per_s_${consoles}`]: Number(many.perSecond.toFixed(2)),
            stripe_requests_1: one.requests,
            [`stripe_requests_${consoles}`]: many.requests,
          }
        : {}),
      webhooks,
      webhooks_per_s: Math.round(webhooks / seconds),
      webhooks_acked_per_s: Math.round(webhooks / ackSeconds),
      inbox_applied_per_s: Math.round(drained / applySeconds),
      stale_rows: stale,
      lost_webhooks: lost,
      double_effects: doubleEffects,
    }),
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
