import net from 'node:net';

/** PostgreSQL's answer to COMMIT on the wire: CommandComplete ('C', length 11, "COMMIT\0"). */
const COMMIT_DONE = Buffer.from([0x43, 0, 0, 0, 11, ...Buffer.from('COMMIT'), 0]);

/**
 * A TCP relay to PostgreSQL that the test can take down and bring back, as a network or a server outage would, and
 * that can lose the answer to a COMMIT: the server has committed, and the connection breaks before the client hears
 * so — as a network failing at that moment would.
 */
export async function relayTo(port: number) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let listenPort = 0;
  let loseCommit = false;
  let lostAnswers = 0;

  const relay = (client: net.Socket) => {
    const upstream = net.connect(port, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream);
    // The server's bytes are scanned (with the last few of the previous chunk, in case the answer is split).
    let tail = Buffer.alloc(0);
    upstream.on('data', (chunk: Buffer) => {
      const seen = Buffer.concat([tail, chunk]);
      if (loseCommit && seen.includes(COMMIT_DONE)) {
        loseCommit = false;
        lostAnswers++;
        client.destroy();
        upstream.destroy();
        return;
      }
      tail = seen.subarray(Math.max(0, seen.length - COMMIT_DONE.length + 1));
      client.write(chunk);
    });
    upstream.on('end', () => client.end());
  };

  const up = async () => {
    server = net.createServer(relay);
    await new Promise<void>((resolve) => server!.listen(listenPort, '127.0.0.1', resolve));
    listenPort = (server!.address() as net.AddressInfo).port;
  };
  const down = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
  };
  await up();
  return {
    port: listenPort,
    up,
    down,
    /** The next COMMIT the server answers goes through, and its answer is lost on the way back. */
    loseNextCommitAnswer: () => {
      loseCommit = true;
    },
    /** How many COMMIT answers were lost so far. */
    lostAnswers: () => lostAnswers,
  };
}
