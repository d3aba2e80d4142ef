#!/usr/bin/env node
import { ActivityError } from '../errors.ts';
import { exportCommand } from './exportCommand.ts';
import { keygen } from './keygen.ts';
import { purge, replayJournal } from './maintenance.ts';
import { EXIT, UsageError } from './shared.ts';
import { statsCommand } from './statsCommand.ts';
import { verifyCommand } from './verifyCommand.ts';

const COMMANDS: Record<string, { run: (args: string[]) => Promise<number>; summary: string }> = {
  keygen: { run: keygen, summary: 'make an Ed25519 key pair for sealing checkpoints' },
  verify: { run: verifyCommand, summary: "check a tenant's events against its signed checkpoints" },
  export: { run: exportCommand, summary: 'stream events to CSV, NDJSON or PDF' },
  stats: { run: statsCommand, summary: 'print analytics (and security signals) of a tenant' },
  purge: {
    run: purge,
    summary: 'delete expired events (per-tenant retention) and record the sweep',
  },
  'replay-journal': {
    run: replayJournal,
    summary: 'store events a writer journaled while MongoDB was down',
  },
};

const HELP = `Usage: activitykit <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(16)}${command.summary}`)
  .join('\n')}

Run activitykit <command> --help for a command's options.
Exit codes: 0 done, 1 problems found (verify) or work left (replay-journal), 2 bad usage, 3 failed.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${HELP}\n`);
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const command = COMMANDS[name];
  if (!command)
    throw new UsageError(`unknown command "${name}"; run activitykit --help for the list.`);
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(
        `activitykit: ${error.message}\nRun activitykit ${process.argv[2] ?? ''} --help for the options.\n`,
      );
      process.exitCode = EXIT.USAGE;
      return;
    }
    const message = error instanceof ActivityError ? error.message : String(error);
    process.stderr.write(`activitykit: ${message}\n`);
    // A bad key, query or cursor is the caller's to fix; anything else failed while working.
    const usage = error instanceof ActivityError && error.code.startsWith('INVALID_');
    process.exitCode = usage ? EXIT.USAGE : EXIT.FAILED;
  },
);
