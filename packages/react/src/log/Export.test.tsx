import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { ActivitySource } from '../data/source.ts';
import { FIXTURE_NOW } from '../test/fixtures.ts';
import { ActivityLog } from './ActivityLog.tsx';
import { generateActivityEvents } from './fixtures.ts';
import { bodyRows, memory, mountLog, settle } from './testUtils.tsx';

const events = generateActivityEvents({ count: 60, now: FIXTURE_NOW, names: 'en', seed: 8 });

/** A promise and the function that settles it. */
function gate() {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, resolve: () => open() };
}

describe('<ActivityLog> export', () => {
  it('says it is preparing until the first bytes arrive, then counts them as they come', async () => {
    const source = memory(events);
    const firstBytes = gate();
    const rest = gate();
    // The memory export, as a server would send it: nothing for a while, then 2 kB, then the rest.
    const slow: ActivitySource = {
      ...source,
      async export(request, options) {
        await firstBytes.promise;
        options?.onProgress?.(2048);
        await rest.promise;
        return source.export(request, options);
      },
    };
    const files: { filename: string }[] = [];
    const { container } = mountLog(
      <ActivityLog live={false} onExport={(file) => files.push(file)} />,
      { source: slow },
    );
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(3));
    const status = () => container.querySelector('.ak-log-bulk-status')?.textContent ?? '';
    const csv = [...container.querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Export CSV'),
    );
    await userEvent.click(csv as HTMLElement);
    await settle(() => expect(status()).toContain('Preparing export…'));
    expect(status()).not.toContain('0 B');
    firstBytes.resolve();
    await settle(() => expect(status()).toContain('Exporting… 2 kB'));
    rest.resolve();
    await settle(() => expect(files).toHaveLength(1));
    await settle(() => expect(status()).toContain(`Exported ${files[0]?.filename}`));
  });
});
