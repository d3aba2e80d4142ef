/**
 * Runs one screen several times: the first run reported as "cold", the median and p90 of the others,
 * and the commands each run sent. A run that passes the timeout ends the screen ("> N s"), and so
 * does the time budget once spent (fewer runs on a slow screen rather than an hour-long benchmark).
 */
import type { Screen, ScreenContext } from './screenList.ts';
import { type Session, totalCommands } from './session.ts';

/** What one screen measured. Times in ms; `undefined` when no run finished. */
export interface ScreenResult {
  name: string;
  /** Runs that finished. */
  runs: number;
  coldMs?: number;
  medianMs?: number;
  p90Ms?: number;
  /** Commands of one warm run (the median), and of the cold one. */
  commands?: number;
  coldCommands?: number;
  /** What the last run returned: rows of a page, signals, events counted by stats. */
  returned?: string;
  /** Commands by name of the last run. */
  commandNames?: Record<string, number>;
  /** The run that did not finish within the timeout, if one did not. */
  timedOutAfterMs?: number;
  /** Why the screen failed or did not run. */
  error?: string;
}

/** Options of {@link measureScreen}. */
export interface MeasureOptions {
  runs: number;
  timeoutMs: number;
  /** Stop starting new runs after this long on one screen. */
  budgetMs: number;
  session: Session;
  context: Omit<ScreenContext, 'store'>;
}

const TIMED_OUT = Symbol('timed out');

/** Measures `screen`; resolves with `timedOutAfterMs` set when a run hung (the session is then unusable). */
export async function measureScreen(
  screen: Screen,
  options: MeasureOptions,
): Promise<ScreenResult> {
  const { session } = options;
  const context: ScreenContext = Object.assign(options.context, { store: session.store });
  const result: ScreenResult = { name: screen.name, runs: 0 };
  const blocked = screen.blocked?.(context);
  if (blocked) return { ...result, error: blocked };
  const times: number[] = [];
  const commands: number[] = [];
  const started = performance.now();
  for (let run = 0; run < options.runs; run++) {
    if (run > 1 && performance.now() - started > options.budgetMs) break;
    session.resetCount();
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), options.timeoutMs);
    });
    try {
      const outcome = await Promise.race([screen.run(context), timeout]);
      if (outcome !== TIMED_OUT) result.returned = describe(outcome);
      else return { ...summary(result, times, commands), timedOutAfterMs: options.timeoutMs };
    } catch (error) {
      return { ...summary(result, times, commands), error: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
    times.push(performance.now() - t0);
    result.commandNames = session.commands();
    commands.push(totalCommands(result.commandNames));
  }
  return summary(result, times, commands);
}

/** A short account of an answer, to check each screen found something. */
function describe(answer: unknown): string {
  if (Array.isArray(answer)) return `${answer.length} items`;
  const { items, total, id } = (answer ?? {}) as { items?: unknown[]; total?: number; id?: string };
  if (items) return `${items.length} rows`;
  if (typeof total === 'number') return `${total} events`;
  return id ? '1 event' : typeof answer;
}

function summary(result: ScreenResult, times: number[], commands: number[]): ScreenResult {
  const [coldMs, ...warm] = times;
  const [coldCommands, ...warmCommands] = commands;
  const out: ScreenResult = { ...result, runs: times.length };
  if (coldMs === undefined) return out;
  out.coldMs = coldMs;
  out.coldCommands = coldCommands;
  out.medianMs = median(warm.length ? warm : [coldMs]);
  out.p90Ms = percentile(warm.length ? warm : [coldMs], 0.9);
  out.commands = median(warmCommands.length ? warmCommands : [coldCommands ?? 0]);
  return out;
}

/** The median (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The nearest-rank percentile `p` (0–1). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;
}
