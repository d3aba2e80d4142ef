import type { SecuritySignal } from '@activitykit/schema';
import { PERIOD_PRESETS } from '@activitykit/schema';
import type { ActivityStats } from '../analytics/computeActivityStats.ts';
import {
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  defineCommand,
  EXIT,
  openStore,
  QUERY_OPTIONS,
  readQuery,
} from './shared.ts';

export const STATS_HELP = `Usage: activitykit stats --tenant <id> [options]

Prints the analytics of a tenant's events: counts over time, by kind, category and action, the most
active users, sign-in figures, and (with --signals) the security signals.

Options:
  --tenant <id>        the tenant (required; repeat with commas: acme,beta)
  --query "<search>"   search syntax, e.g. "kind:delete category:order"
  --preset <name>      ${PERIOD_PRESETS.join(', ')} (default: last_30_days)
  --tz <zone>          IANA time zone of the buckets (default: UTC)
  --signals            also list security signals
  --json               print JSON
${CONNECTION_HELP}

Exit codes: 0 done, 2 bad usage, 3 failed to run.`;

export const statsCommand = defineCommand({
  help: STATS_HELP,
  options: {
    ...CONNECTION_OPTIONS,
    ...QUERY_OPTIONS,
    signals: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(values, io) {
    const { query, scope } = readQuery(values, {
      command: 'stats',
      defaultPreset: 'last_30_days',
    });
    const store = openStore(values, io);
    try {
      const stats = await store.stats(query, scope);
      const signals = values.signals ? await store.securitySignals(query, scope) : undefined;
      io.stdout.write(
        values.json ? `${JSON.stringify({ stats, signals }, null, 2)}\n` : render(stats, signals),
      );
      return EXIT.OK;
    } finally {
      await store.close();
    }
  },
});

function render(stats: ActivityStats, signals: SecuritySignal[] | undefined): string {
  const lines = [
    `${stats.total} events, ${stats.range.from.toISOString()} – ${stats.range.to.toISOString()} (${stats.timeZone}, by ${stats.bucket})`,
    '',
    `by kind:     ${stats.byKind.map((k) => `${k.key} ${k.count}`).join(', ')}`,
    `by category: ${stats.byCategory.map((k) => `${k.key} ${k.count}`).join(', ')}`,
    `top actions: ${stats.byAction.map((k) => `${k.key} ${k.count}`).join(', ')}`,
    'top users:   ' +
      stats.topActors.map((a) => `${a.actor.name ?? a.actor.id} ${a.count}`).join(', '),
    `sign-ins:    ${stats.auth.logins} logins, ${stats.auth.failures} failures (${(stats.auth.failureRate * 100).toFixed(1)}%), ${stats.auth.uniqueUsers} users`,
    '',
    'over time:',
    ...stats.series.filter((b) => b.count > 0).map((b) => `  ${b.start.toISOString()}  ${b.count}`),
  ];
  if (signals) {
    lines.push('', `security signals: ${signals.length}`);
    for (const s of signals) lines.push(`  [${s.severity}] ${s.description}`);
  }
  return `${lines.join('\n')}\n`;
}
