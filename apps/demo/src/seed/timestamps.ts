import { timeZoneOffset } from '@activitykit/schema';
import type { Random } from './random.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How busy each local hour is (index 0–23): open 9 to 21, peaks at lunch and after school. */
const HOURLY = [
  0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.03, 0.08, 0.3, 0.7, 0.9, 1, 1, 0.9, 0.8, 0.9, 1, 1, 0.9,
  0.7, 0.5, 0.25, 0.08, 0.04,
];

/**
 * `count` instants between `days` days ago and `now`, sorted, spread like a venue's day: mostly in
 * business hours of `timeZone`, busier at weekends and slowly growing over the period, with a little
 * activity at night (the off-hours signal has something to find).
 */
export function businessTimestamps(
  random: Random,
  { count, days, now, timeZone }: { count: number; days: number; now: number; timeZone: string },
): Float64Array {
  const start = now - days * DAY;
  const offsets = new Map<number, number>();
  const offsetAt = (time: number) => {
    const day = Math.floor(time / DAY);
    let offset = offsets.get(day);
    if (offset === undefined) {
      offset = timeZoneOffset(day * DAY + 12 * HOUR, timeZone);
      offsets.set(day, offset);
    }
    return offset;
  };
  const out = new Float64Array(count);
  for (let i = 0; i < count; ) {
    const time = start + random.next() * (now - start);
    const local = new Date(time + offsetAt(time));
    const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6 ? 1.5 : 1;
    const growth = 0.6 + (0.4 * (time - start)) / (now - start);
    const weight = (HOURLY[local.getUTCHours()] ?? 0) * weekend * growth;
    if (random.next() * 1.5 < weight) out[i++] = time;
  }
  return out.sort();
}
