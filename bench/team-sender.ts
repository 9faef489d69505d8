/**
 * The load generator of `bench:team`, in a process of its own (forked by bench/team.ts) so signing and sending
 * never take the endpoint's event loop: it signs each payload as Stripe does (before the clock starts) and posts it to the endpoint with
 * `concurrency` deliveries in flight over kept-alive connections, then reports when the first left and the last
 * was acknowledged.
 */
import http from 'node:http';
import Stripe from 'stripe';

export interface SendOrder {
  port: number;
  secret: string;
  concurrency: number;
  payloads: string[];
}

export interface SendReport {
  firstSentAt: number;
  lastAckedAt: number;
  /** Deliveries not answered 200 (each one Stripe would deliver again). */
  failed: number;
  /** CPU the sender used (user + system), ms. */
  cpuMs: number;
}

function post(order: SendOrder, agent: http.Agent, payload: string, header: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: order.port,
        method: 'POST',
        path: '/',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'stripe-signature': header,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function send(order: SendOrder): Promise<SendReport> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: order.concurrency });
  // Signed before the clock starts: in production Stripe signs on its own machines, so this machine's CPU should
  // go to the endpoint. Well inside the 5-minute tolerance the endpoint checks.
  const headers = order.payloads.map((payload) =>
    Stripe.webhooks.generateTestHeaderString({ payload, secret: order.secret }),
  );
  let next = 0;
  let failed = 0;
  const cpu = process.cpuUsage();
  const firstSentAt = Date.now();
  await Promise.all(
    Array.from({ length: order.concurrency }, async () => {
      while (next < order.payloads.length) {
        const i = next++;
        const status = await post(order, agent, order.payloads[i]!, headers[i]!);
        if (status !== 200) failed++;
      }
    }),
  );
  const lastAckedAt = Date.now();
  agent.destroy();
  const used = process.cpuUsage(cpu);
  return { firstSentAt, lastAckedAt, failed, cpuMs: (used.user + used.system) / 1000 };
}

process.once('message', (order: SendOrder) => {
  send(order).then(
    (report) => process.send!(report, () => process.exit(0)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
