/// <reference lib="dom" />
/** What one scripted scroll in the page reports. */
export interface ScrollSample {
  /** Frame-to-frame intervals (requestAnimationFrame timestamps), ms. */
  deltas: number[];
  /** The most body rows the DOM held at any frame (virtualisation check). */
  maxRows: number;
  /** The last row index (`aria-rowindex`) in the DOM when the scroll ended. */
  lastRowIndex: number;
}

/** How to scroll: `step` px per frame for at most `frames` frames, from `startFraction` of the list. */
export interface ScrollPlan {
  step: number;
  frames: number;
  startFraction: number;
}

/**
 * Runs inside the page (passed to `page.evaluate`): scrolls the log's scroller by a fixed step on
 * every animation frame and records the interval between frames.
 */
export function scrollInPage(plan: ScrollPlan): Promise<ScrollSample> {
  const scroller = document.querySelector('.ak-log-scroll') as HTMLElement;
  const body = scroller.querySelector('tbody') as HTMLElement;
  const max = scroller.scrollHeight - scroller.clientHeight;
  scroller.scrollTop = Math.floor(max * plan.startFraction);
  const deltas: number[] = [];
  let maxRows = 0;
  let frame = 0;
  let previous = -1;
  return new Promise((resolve) => {
    const finish = () => {
      const rows = [...body.querySelectorAll('tr')].map((row) => Number(row.ariaRowIndex));
      resolve({ deltas, maxRows, lastRowIndex: Math.max(...rows) });
    };
    const tick = (now: number) => {
      if (previous >= 0) deltas.push(now - previous);
      previous = now;
      maxRows = Math.max(maxRows, body.childElementCount);
      if (frame >= plan.frames || scroller.scrollTop >= max - 1) {
        finish();
        return;
      }
      frame++;
      scroller.scrollTop = Math.min(max, scroller.scrollTop + plan.step);
      requestAnimationFrame(tick);
    };
    // Two frames to settle after the jump to the start position.
    requestAnimationFrame(() => requestAnimationFrame(tick));
  });
}

/** The `p`-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Frame statistics of one run. */
export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /**
   * Frames longer than one 60 Hz frame: intervals over 16.7 ms, counted from 20 ms so that the
   * ±0.1 ms jitter of vsync-aligned timestamps (16.6 / 16.7 / 16.8) is not a drop.
   */
  over16: number;
  /** Frames longer than two 60 Hz frames (33.4 ms, counted from 36 ms). */
  over33: number;
}

/** Summarises frame intervals. */
export function frameStats(deltas: readonly number[]): FrameStats {
  return {
    frames: deltas.length,
    p50: percentile(deltas, 50),
    p95: percentile(deltas, 95),
    p99: percentile(deltas, 99),
    max: Math.max(...deltas),
    over16: deltas.filter((d) => d > 20).length,
    over33: deltas.filter((d) => d > 36).length,
  };
}

/** The median of each statistic over several runs. */
export function medianStats(runs: readonly FrameStats[]): FrameStats {
  const median = (key: keyof FrameStats) =>
    percentile(
      runs.map((run) => run[key]),
      50,
    );
  return {
    frames: median('frames'),
    p50: median('p50'),
    p95: median('p95'),
    p99: median('p99'),
    max: median('max'),
    over16: median('over16'),
    over33: median('over33'),
  };
}
