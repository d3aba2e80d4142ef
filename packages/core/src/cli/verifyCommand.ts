import { readFile } from 'node:fs/promises';
import type { VerifyReport } from '@activitykit/schema';
import { fileAnchor } from '../integrity/anchor.ts';
import {
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  defineCommand,
  EXIT,
  openStore,
  parseDate,
  UsageError,
} from './shared.ts';

export const VERIFY_HELP = `Usage: activitykit verify --tenant <id> --public-key <file> [options]

Checks a tenant's events against its signed checkpoints and names every event modified, deleted or
inserted behind the kit's back in a sealed range; lists unsealed events separately.

Options:
  --tenant <id>         the tenant to check (required)
  --public-key <file>   the PEM public key from activitykit keygen (required)
  --anchor <file>       the checkpoint anchor file, to catch deleted checkpoints
  --from <date>         only checkpoints reaching this time or later
  --to <date>           only checkpoints before this time
  --json                print the whole report as JSON
${CONNECTION_HELP}

Exit codes: 0 verified, 1 problems found, 2 bad usage, 3 failed to run, 4 the events are sound but
the anchor is missing, unreadable, empty, behind or disagrees with the checkpoints.`;

export const verifyCommand = defineCommand({
  help: VERIFY_HELP,
  options: {
    ...CONNECTION_OPTIONS,
    tenant: { type: 'string' },
    'public-key': { type: 'string' },
    anchor: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, io) {
    if (!values.tenant) throw new UsageError('verify needs --tenant.');
    if (!values['public-key']) throw new UsageError('verify needs --public-key <file>.');
    const publicKey = await readFile(values['public-key'], 'utf8');
    const store = openStore(values, io);
    try {
      io.stderr.write(`verifying tenant ${values.tenant}…\n`);
      const started = performance.now();
      const report = await store.verify(
        {
          tenantId: values.tenant,
          from: parseDate(values.from, '--from'),
          to: parseDate(values.to, '--to'),
        },
        { publicKey, ...(values.anchor ? { anchor: fileAnchor(values.anchor) } : {}) },
      );
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      io.stdout.write(
        values.json ? `${JSON.stringify(report, null, 2)}\n` : summary(report, seconds),
      );
      return exitCode(report);
    } finally {
      await store.close();
    }
  },
});

/** 0 when sound; 1 for tampering; 4 when only the anchor is wrong. */
function exitCode(report: VerifyReport): number {
  if (report.ok) return EXIT.OK;
  const anchorOnly =
    !report.wrongKey &&
    report.invalidCheckpoints.length === 0 &&
    report.missingCheckpoints.length === 0 &&
    report.modified.length === 0 &&
    report.deleted.length === 0 &&
    report.inserted.length === 0;
  return anchorOnly ? EXIT.ANCHOR : EXIT.PROBLEMS;
}

function summary(report: VerifyReport, seconds: string): string {
  const lines = [
    `${report.ok ? 'OK' : 'PROBLEMS FOUND'} — tenant ${report.tenantId}: ${report.checkedEvents} events in ${report.checkedCheckpoints} checkpoints checked in ${seconds} s`,
  ];
  if (report.wrongKey) lines.push('  wrong key: no checkpoint verifies with this public key');
  for (const c of report.invalidCheckpoints)
    lines.push(`  checkpoint ${c.seq} is invalid (${c.reason})`);
  for (const c of report.missingCheckpoints) {
    lines.push(
      `  checkpoint ${c.seq} is missing (${c.source}${c.count ? `, ${c.count} events up to ${c.toId}` : ''})`,
    );
  }
  const { anchor } = report;
  if (anchor.status !== 'ok' && anchor.status !== 'not_configured') {
    lines.push(`  anchor ${anchor.status}: ${anchor.message ?? ''}`.trimEnd());
  } else if (anchor.message) lines.push(`  anchor: ${anchor.message}`);
  for (const e of report.modified) lines.push(`  modified: ${e.id} (checkpoint ${e.seq})`);
  for (const e of report.deleted)
    lines.push(`  deleted:  ${e.id} from ${e.occurredAt.toISOString()} (checkpoint ${e.seq})`);
  for (const e of report.inserted)
    lines.push(`  inserted: ${e.id} (in the range of checkpoint ${e.seq})`);
  for (const e of report.late) {
    lines.push(
      `  late:     ${e.id} (stored late from a writer's journal, signed; checkpoint ${e.seq})`,
    );
  }
  const { expired, bulkDeleted } = report.explained;
  if (expired || bulkDeleted)
    lines.push(`  gone on record: ${expired} expired by retention, ${bulkDeleted} bulk-deleted`);
  lines.push(`  unsealed: ${report.unsealed.count} event(s) newer than the last checkpoint`);
  return `${lines.join('\n')}\n`;
}
