/**
 * The load generator of `bench:team`, in a process of its own (forked by bench/team.ts) so sending never takes the
 * endpoint's CPU more than it must. It stands in for Stripe's machines: before the clock starts it signs every
 * payload (Stripe signs on its own machines) and serialises each delivery into one buffer — a complete, separate
 * HTTP/1.1 POST with its own `Stripe-Signature` — then writes them over `concurrency` kept-alive `net` sockets and
 * reads back only the status line and length of each answer. By default one delivery is in flight per socket, as
 * Stripe delivers; `pipeline` > 1 writes that many requests back to back on a socket before reading their answers
 * (HTTP/1.1 pipelining: the endpoint parses, verifies and answers each on its own, in order).
 */
import net from 'node:net';
import Stripe from 'stripe';

export interface SendOrder {
  port: number;
  secret: string;
  concurrency: number;
  /** Requests written back to back on one socket before their answers are read (1: no pipelining). */
  pipeline?: number;
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

function request(port: number, payload: string, signature: string): Buffer {
  const body = Buffer.from(payload);
  const head =
    `POST / HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\n` +
    `stripe-signature: ${signature}\r\ncontent-length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), body]);
}

/**
 * Reads HTTP/1.1 answers off a socket: for each, its status and, once its body (content-length) has passed, calls
 * `answered`. Only what the counting needs is parsed.
 */
function answerReader(answered: (status: number) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  let bodyLeft = 0;
  let status = 0;
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (;;) {
      if (bodyLeft > 0) {
        const take = Math.min(bodyLeft, pending.length);
        bodyLeft -= take;
        pending = pending.subarray(take);
        if (bodyLeft > 0) return;
        answered(status);
        continue;
      }
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = pending.toString('latin1', 0, end);
      status = Number(head.slice(9, 12));
      const length = /\r\ncontent-length: *(\d+)/i.exec(head);
      if (!length) throw new Error(`an answer without content-length: ${head.split('\r\n')[0]}`);
      bodyLeft = Number(length[1]);
      pending = pending.subarray(end + 4);
      if (bodyLeft === 0) answered(status);
    }
  };
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, noDelay: true }, () => resolve(socket));
    socket.once('error', reject);
  });
}

async function send(order: SendOrder): Promise<SendReport> {
  const pipeline = Math.max(1, order.pipeline ?? 1);
  // Signed and serialised before the clock starts: in production Stripe signs on its own machines, so this
  // machine's CPU should go to the endpoint. Well inside the 5-minute tolerance the endpoint checks.
  const requests = order.payloads.map((payload) =>
    request(order.port, payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: order.secret })),
  );
  const sockets = await Promise.all(Array.from({ length: order.concurrency }, () => connect(order.port)));
  let next = 0;
  let failed = 0;
  const cpu = process.cpuUsage();
  const firstSentAt = Date.now();
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve, reject) => {
          let inFlight = 0;
          const write = () => {
            const batch: Buffer[] = [];
            while (inFlight + batch.length < pipeline && next < requests.length) batch.push(requests[next++]!);
            if (batch.length === 0) return inFlight === 0 && resolve();
            inFlight += batch.length;
            socket.write(batch.length === 1 ? batch[0]! : Buffer.concat(batch));
          };
          const read = answerReader((status) => {
            if (status !== 200) failed++;
            inFlight--;
            // Pipelined: the next group goes once the whole group is answered, as one write.
            if (inFlight === 0) write();
          });
          socket.on('data', (chunk: Buffer) => {
            try {
              read(chunk);
            } catch (err) {
              reject(err as Error);
            }
          });
          socket.once('error', reject);
          socket.once('close', () => (inFlight > 0 ? reject(new Error('the endpoint closed a socket')) : resolve()));
          write();
        }),
    ),
  );
  const lastAckedAt = Date.now();
  const used = process.cpuUsage(cpu);
  for (const socket of sockets) socket.destroy();
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
