/** A one-line progress bar on a stream (a line per 10% when the stream is not a terminal). */
export interface ProgressBar {
  update(done: number): void;
  finish(): void;
}

/** A {@link ProgressBar} for `total` steps of `label`. */
export function createProgressBar(
  label: string,
  { total, stream = process.stderr }: { total: number; stream?: NodeJS.WriteStream },
): ProgressBar {
  const started = performance.now();
  const width = 30;
  let lastTenth = -1;
  const line = (done: number) => {
    // A history may end with a few more events than asked for (bookings the job closed).
    const of = Math.max(total, done);
    const ratio = of === 0 ? 1 : done / of;
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const filled = Math.round(ratio * width);
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(ratio * 100)}% ${done.toLocaleString('en')}/${of.toLocaleString('en')} ${rate.toLocaleString('en')}/s ${seconds.toFixed(1)}s`;
  };
  return {
    update(done) {
      if (stream.isTTY) {
        stream.write(`\r${line(done)}`);
        return;
      }
      const tenth = Math.floor((done / Math.max(total, 1)) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${line(done)}\n`);
      }
    },
    finish() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
