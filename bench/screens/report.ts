/** The screens benchmark's markdown table and JSON result file. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ScreenResult } from './measureScreen.ts';

/** What a run measured, as written to `results/<engine>-<size>.json`. */
export interface ScreensReport {
  engine: string;
  events: number;
  /** The writer's rate while seeding (events/s), and whether this run reused an earlier seed. */
  ingest: { rate: number; seconds: number; reused: boolean };
  runs: number;
  timeoutMs: number;
  date: string;
  node: string;
  /** Where it ran, e.g. "a shared 2-core machine". */
  machine: string;
  /** What the run is of, e.g. `before`. */
  label?: string;
  screens: ScreenResult[];
}

const ms = (value: number | undefined) =>
  value === undefined
    ? '–'
    : value >= 10_000
      ? `${(value / 1000).toFixed(1)} s`
      : `${Math.round(value)}`;

/** One table row per screen: median, p90 and cold ms, runs, and commands sent (warm / cold). */
export function markdownTable(report: ScreensReport): string {
  const rows = report.screens.map((screen) => {
    const timedOut = screen.timedOutAfterMs && `> ${screen.timedOutAfterMs / 1000} s`;
    const note = timedOut || screen.error || screen.returned || '';
    const median = screen.runs > 0 ? ms(screen.medianMs) : timedOut || '–';
    const commands =
      screen.commands === undefined ? '–' : `${screen.commands} (cold ${screen.coldCommands})`;
    return `| ${screen.name} | ${median} | ${ms(screen.p90Ms)} | ${ms(screen.coldMs)} | ${screen.runs} | ${commands} | ${note} |`;
  });
  return [
    `Screens at ${report.events.toLocaleString('en')} events on ${report.engine} (${report.date}, Node ${report.node}, ${report.machine}); ` +
      `ingest through the writer ${Math.round(report.ingest.rate).toLocaleString('en')} events/s` +
      `${report.ingest.reused ? ' (seeded by an earlier run)' : ''}. Times in ms unless marked; median and p90 of the runs after the first (cold):`,
    '',
    '| screen | median | p90 | cold | runs | DB commands | answer |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** Writes the report as JSON to `path` (creating its folder). */
export async function writeReport(path: string, report: ScreensReport): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}
