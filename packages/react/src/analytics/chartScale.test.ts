import { describe, expect, it } from 'vitest';
import { niceMax, share } from './chartScale.ts';

describe('niceMax', () => {
  it('rounds an axis maximum up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 11, 21, 37, 240, 999].map(niceMax)).toEqual([
      1, 1, 5, 10, 20, 25, 50, 250, 1000,
    ]);
  });
  it('gives a zero share of nothing', () => {
    expect(share(3, 0)).toBe(0);
    expect(share(1, 4)).toBe(0.25);
  });
});
