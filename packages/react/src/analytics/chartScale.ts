/**
 * A round upper bound for a chart axis: 1, 2, 2.5 or 5 times a power of ten, at least `max`
 * (and at least 1).
 *
 * @example
 * ```ts
 * niceMax(37); // 50
 * niceMax(0); // 1
 * ```
 */
export function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** A share from 0 to 1 (0 when the total is 0). */
export function share(count: number, total: number): number {
  return total > 0 ? count / total : 0;
}
