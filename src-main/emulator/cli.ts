import { startEmulator, type EmulatorOptions } from './index';

/** `tsx src-main/emulator/cli.ts --port 12111 --customers 100000 --latency 150 [--rate-limits] [--seed N] [--data-dir DIR]` */
function parseArgs(argv: string[]): EmulatorOptions {
  const options: EmulatorOptions = {};
  const number = (flag: string, value: string | undefined): number => {
    const parsed = Number(value);
    if (value === undefined || !Number.isFinite(parsed)) throw new Error(`${flag} needs a number`);
    return parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--port':
        options.port = number(flag, argv[++i]);
        break;
      case '--customers':
        options.customers = number(flag, argv[++i]);
        break;
      case '--live-customers':
        options.liveCustomers = number(flag, argv[++i]);
        break;
      case '--latency':
        options.latencyMs = number(flag, argv[++i]);
        break;
      case '--seed':
        options.seed = number(flag, argv[++i]);
        break;
      case '--search-lag':
        options.searchIndexLagMs = number(flag, argv[++i]);
        break;
      case '--rate-limits':
        options.rateLimits = true;
        break;
      case '--data-dir':
        options.dataDir = argv[++i];
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const emulator = await startEmulator(parseArgs(process.argv.slice(2)));
  // First stdout line: machine-readable, for scripts that spawn the emulator.
  process.stdout.write(
    `${JSON.stringify({ port: emulator.port, keys: emulator.keys, webhookSecret: emulator.webhookSecret })}\n`,
  );
  const shutdown = (): void => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
