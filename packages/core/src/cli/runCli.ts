import { ActivityError } from '../errors.ts';
import type { CliIo, Command } from './shared.ts';
import { EXIT, UsageError } from './usage.ts';

/** Each command is loaded when it runs, so help and usage errors answer without the driver. */
const COMMANDS: Record<string, { load: () => Promise<Command>; summary: string }> = {
  keygen: {
    load: async () => (await import('./keygen.ts')).keygen,
    summary: 'make an Ed25519 key pair for sealing checkpoints',
  },
  verify: {
    load: async () => (await import('./verifyCommand.ts')).verifyCommand,
    summary: "check a tenant's events against its signed checkpoints",
  },
  export: {
    load: async () => (await import('./exportCommand.ts')).exportCommand,
    summary: 'stream events to CSV, NDJSON or PDF',
  },
  stats: {
    load: async () => (await import('./statsCommand.ts')).statsCommand,
    summary: 'print analytics (and security signals) of a tenant',
  },
  purge: {
    load: async () => (await import('./maintenance.ts')).purge,
    summary: 'delete expired events (per-tenant retention) and record the sweep',
  },
  'replay-journal': {
    load: async () => (await import('./maintenance.ts')).replayJournal,
    summary: 'store events a writer journaled while MongoDB was down',
  },
};

const HELP = `Usage: activitykit <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(16)}${command.summary}`)
  .join('\n')}

Run activitykit <command> --help for a command's options.
Exit codes: 0 done, 1 problems found (verify) or work left (replay-journal), 2 bad usage, 3 failed,
4 the anchor is missing, unreadable, empty, behind or disagrees (verify).`;

/**
 * Runs the `activitykit` command line `argv` (without `node` and the script) and resolves with its
 * exit code; failures are written to `io.stderr`, never thrown.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(
        `activitykit: ${error.message}\nRun activitykit ${argv[0] ?? ''} --help for the options.\n`,
      );
      return EXIT.USAGE;
    }
    const message = error instanceof ActivityError ? error.message : String(error);
    io.stderr.write(`activitykit: ${message}\n`);
    // A bad key, query or cursor is the caller's to fix; anything else failed while working.
    const usage = error instanceof ActivityError && error.code.startsWith('INVALID_');
    return usage ? EXIT.USAGE : EXIT.FAILED;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${HELP}\n`);
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(
      `activitykit: unknown command "${name}"; run activitykit --help for the list.\n`,
    );
    return EXIT.USAGE;
  }
  return (await command.load())(args, io);
}
