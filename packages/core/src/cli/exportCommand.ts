import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { type ActivityEvent, LOCALES, PERIOD_PRESETS } from '@activitykit/schema';
import { createExport } from '../export/createExport.ts';
import { EXPORT_FORMATS } from '../export/formats.ts';
import {
  type CliIo,
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  defineCommand,
  EXIT,
  openStore,
  parseChoice,
  progress,
  QUERY_OPTIONS,
  readQuery,
  UsageError,
} from './shared.ts';

export const EXPORT_HELP = `Usage: activitykit export --format <csv|ndjson|pdf> --tenant <id> [options]

Streams the events a query finds to a file (or stdout), with progress on stderr.

Options:
  --format <f>         ${EXPORT_FORMATS.join(', ')} (required)
  --tenant <id>        the tenant (required; several with commas)
  --query "<search>"   search syntax, e.g. "kind:delete after:2026-11-01 refund"
  --preset <name>      ${PERIOD_PRESETS.join(', ')}
  --tz <zone>          IANA time zone of the times (default: UTC)
  --locale <en|ru>     language of headers and descriptions (default: en)
  --no-bom             leave out the UTF-8 BOM a CSV starts with (Excel needs it for Cyrillic)
  --title <text>       PDF title (default: Activity log)
  --out <file>         write here instead of stdout
${CONNECTION_HELP}

Exit codes: 0 done, 2 bad usage, 3 failed to run.`;

export const exportCommand = defineCommand({
  help: EXPORT_HELP,
  options: {
    ...CONNECTION_OPTIONS,
    ...QUERY_OPTIONS,
    format: { type: 'string' },
    locale: { type: 'string' },
    'no-bom': { type: 'boolean' },
    title: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values, io) {
    const format = parseChoice(values.format, { flag: '--format', choices: EXPORT_FORMATS });
    if (!format) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}.`);
    const { query, scope, preset } = readQuery(values, { command: 'export' });
    const locale = parseChoice(values.locale, { flag: '--locale', choices: LOCALES }) ?? 'en';
    const { timeZone } = query;

    const store = openStore(values, io);
    try {
      const count = { rows: 0 };
      const events = counted(store.stream(query, scope), count, io);
      const filters = [preset ? `period:${preset}` : '', values.query ?? '']
        .filter(Boolean)
        .join(' ');
      const file =
        format === 'pdf'
          ? createExport('pdf', events, {
              title: values.title ?? 'Activity log',
              filters,
              timeZone,
              locale,
            })
          : format === 'csv'
            ? createExport('csv', events, { timeZone, locale, bom: !values['no-bom'] })
            : createExport('ndjson', events, {});
      await pipeline(file.stream, values.out ? createWriteStream(values.out) : io.stdout);
      progress(io, `exported ${count.rows} event(s)${values.out ? ` to ${values.out}` : ''}`);
      if (io.stderr.isTTY) io.stderr.write('\n');
      return EXIT.OK;
    } finally {
      await store.close();
    }
  },
});

/** Passes events through, counting them and reporting progress every 10,000. */
async function* counted(
  events: AsyncIterable<ActivityEvent>,
  count: { rows: number },
  io: CliIo,
): AsyncGenerator<ActivityEvent> {
  for await (const event of events) {
    count.rows += 1;
    if (count.rows % 10_000 === 0) progress(io, `exported ${count.rows} event(s)…`);
    yield event;
  }
}
