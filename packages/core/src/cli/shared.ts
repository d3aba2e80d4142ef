import { type ParseArgsConfig, parseArgs } from 'node:util';
import { PERIOD_PRESETS, type PeriodPreset } from '@activitykit/schema';
import { type ActivityStore, createActivityStore } from '../createActivityStore.ts';
import type { ActivityStoreOptions } from '../options.ts';
import { EXIT, UsageError } from './usage.ts';

export { EXIT, UsageError } from './usage.ts';

/**
 * Where a command reads its environment and writes its output: the process's own in `main.ts`,
 * or a test's.
 */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

/** A command of the CLI: its arguments in, its exit code out. */
export type Command = (args: string[], io: CliIo) => Promise<number>;

/** A command's flags, as `node:util`'s `parseArgs` takes them. */
type Options = NonNullable<ParseArgsConfig['options']>;

/** The values of `options` on a command line (`parseArgs` strict, no positionals). */
type Values<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>
>['values'];

/** Options every command that talks to MongoDB takes. */
export const CONNECTION_OPTIONS = {
  uri: { type: 'string' },
  db: { type: 'string' },
  collection: { type: 'string' },
  'journal-dir': { type: 'string' },
} as const satisfies Options;

export const CONNECTION_HELP = `Connection:
  --uri <uri>           MongoDB connection string (default: $MONGODB_URI)
  --db <name>           database (default: the URI's, else activitykit)
  --collection <name>   events collection (default: activity_events)
  --journal-dir <dir>   the writer journal (default: .activitykit/journal)`;

/** The `--help` (`-h`) flag every command takes. */
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const satisfies Options;

/**
 * A command from its help text, its flags and what it does with their values: an unknown flag is
 * a usage error, and `--help` prints `help` (exit code 0) instead of running it.
 */
export function defineCommand<T extends Options>(command: {
  help: string;
  options: T;
  run(values: Values<T>, io: CliIo): Promise<number>;
}): Command {
  return async (args, io) => {
    let parsed: { values: Values<T> & { help?: boolean } };
    try {
      parsed = parseArgs({
        args,
        options: { ...command.options, ...HELP_OPTION },
        strict: true,
        allowPositionals: false,
      }) as typeof parsed;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (parsed.values.help) {
      io.stdout.write(`${command.help}\n`);
      return EXIT.OK;
    }
    return command.run(parsed.values, io);
  };
}

/** The flags of a command that reads a tenant's events: which tenants, and which events of them. */
export const QUERY_OPTIONS = {
  tenant: { type: 'string' },
  query: { type: 'string' },
  preset: { type: 'string' },
  tz: { type: 'string' },
} as const satisfies Options;

/**
 * The query and scope that {@link QUERY_OPTIONS}' values ask for: `--tenant` is required (several
 * with commas), `--preset` one of schema's presets (else `defaultPreset`), `--tz` defaults to UTC.
 */
export function readQuery(
  values: Values<typeof QUERY_OPTIONS>,
  options: { command: string; defaultPreset?: PeriodPreset },
) {
  if (!values.tenant) throw new UsageError(`${options.command} needs --tenant.`);
  const preset =
    parseChoice(values.preset, { flag: '--preset', choices: PERIOD_PRESETS }) ??
    options.defaultPreset;
  const query = {
    timeZone: values.tz ?? 'UTC',
    ...(preset ? { preset } : {}),
    ...(values.query ? { q: values.query } : {}),
  };
  return { query, scope: { tenants: values.tenant.split(',').filter(Boolean) }, preset };
}

/** Opens the store a command works on. */
export function openStore(
  values: { uri?: string; db?: string; collection?: string; 'journal-dir'?: string },
  io: CliIo,
  extra: Partial<ActivityStoreOptions> = {},
): ActivityStore {
  const uri = values.uri ?? io.env.MONGODB_URI;
  if (!uri) throw new UsageError('Say which MongoDB to use: --uri mongodb://… or MONGODB_URI.');
  return createActivityStore({
    uri,
    ...(values.db ? { dbName: values.db } : {}),
    ...(values.collection ? { collection: values.collection } : {}),
    ...(values['journal-dir'] ? { journalDir: values['journal-dir'] } : {}),
    onError: (error) => io.stderr.write(`activitykit: ${String(error)}\n`),
    ...extra,
  } as ActivityStoreOptions);
}

/** Writes a progress line on stderr, rewriting it in place on a terminal. */
export function progress(io: CliIo, message: string): void {
  if (io.stderr.isTTY) io.stderr.write(`\r\x1b[K${message}`);
  else io.stderr.write(`${message}\n`);
}

/** Parses a date option: an ISO date or date-time. */
export function parseDate(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`${flag} must be a date like 2026-11-01 or 2026-11-01T12:00Z.`);
  return date;
}

/**
 * Checks that a flag's value is one of `choices` (`--preset`, `--format`, `--locale`…); `undefined`
 * passes through, so a caller can apply its default.
 */
export function parseChoice<T extends string>(
  value: string | undefined,
  options: { flag: string; choices: readonly T[] },
): T | undefined {
  if (value === undefined) return undefined;
  if (!(options.choices as readonly string[]).includes(value))
    throw new UsageError(`${options.flag} must be one of ${options.choices.join(', ')}.`);
  return value as T;
}
