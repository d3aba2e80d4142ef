import { readFile } from 'node:fs/promises';
import {
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  defineCommand,
  EXIT,
  openStore,
  progress,
  UsageError,
} from './shared.ts';

export const PURGE_HELP = `Usage: activitykit purge --expired [--days <n>] [--tenant-days <tenant>=<n>,…]

Deletes events older than their tenant's retention, in batches, and records each sweep as a
retention.swept event (so verify reads the gap as retention, not tampering).

Options:
  --expired                 required: what to purge (only expired events can be purged here)
  --days <n>                retention in days (default: 365)
  --tenant-days <list>      per-tenant retention, e.g. startup=30,trial=7
${CONNECTION_HELP}

Exit codes: 0 done, 2 bad usage, 3 failed to run.`;

export const purge = defineCommand({
  help: PURGE_HELP,
  options: {
    ...CONNECTION_OPTIONS,
    expired: { type: 'boolean' },
    days: { type: 'string' },
    'tenant-days': { type: 'string' },
  },
  async run(values, io) {
    if (!values.expired) throw new UsageError('purge only removes expired events: pass --expired.');
    const days = values.days === undefined ? 365 : positive(values.days, '--days');
    const tenants: Record<string, number> = {};
    for (const pair of values['tenant-days']?.split(',').filter(Boolean) ?? []) {
      const [tenant, n] = pair.split('=');
      if (!tenant || n === undefined)
        throw new UsageError(`--tenant-days takes tenant=days pairs, got "${pair}".`);
      tenants[tenant] = positive(n, '--tenant-days');
    }
    const store = openStore(values, io, { retention: { days, tenants } });
    try {
      progress(io, 'purging expired events…');
      const result = await store.sweepExpired();
      for (const t of result.tenants) {
        io.stdout.write(
          `${t.tenantId}: ${t.deleted} event(s) older than ${t.before.toISOString()} (${t.days} days)\n`,
        );
      }
      io.stdout.write(`purged ${result.deleted} event(s)\n`);
      return EXIT.OK;
    } finally {
      await store.close();
    }
  },
});

export const REPLAY_HELP = `Usage: activitykit replay-journal --journal-dir <dir> [--private-key <file>]

Stores the events a writer journaled while MongoDB was unreachable (a process that starts with the
same journal directory does this by itself), then reports what is left.

Options:
  --private-key <file>  the sealing key (PEM): events stored late into a sealed range are signed
                        with it, so verify lists them as late instead of inserted
${CONNECTION_HELP}

Exit codes: 0 done (nothing left), 1 files are left (MongoDB refused or went away), 2 bad usage, 3 failed.`;

export const replayJournal = defineCommand({
  help: REPLAY_HELP,
  options: { ...CONNECTION_OPTIONS, 'private-key': { type: 'string' } },
  async run(values, io) {
    if (!values['journal-dir']) throw new UsageError('replay-journal needs --journal-dir <dir>.');
    const privateKey = values['private-key']
      ? await readFile(values['private-key'], 'utf8')
      : undefined;
    const store = openStore(
      values,
      io,
      privateKey ? { integrity: { privateKey, sealIntervalMs: false } } : {},
    );
    try {
      progress(io, 'replaying the journal…');
      await store.flush();
      await store.close();
      const { replayed, failed } = store.metrics();
      io.stdout.write(
        `replayed ${replayed} event(s); ${failed} refused for good (see rejected.ndjson.dead)\n`,
      );
      return store.metrics().degraded ? EXIT.PROBLEMS : EXIT.OK;
    } catch (error) {
      await store.close().catch(() => {});
      throw error;
    }
  },
});

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${flag} takes a whole number of days, got "${value}".`);
  return n;
}
