import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityError } from '../errors.ts';
import { createTestStore } from '../test/storeFixture.ts';
import { CYRILLIC_DESCRIPTION, readBytes, recordExportEvents, replay } from './exportFixture.ts';
import { exportPdf } from './pdf/exportPdf.ts';

const run = promisify(execFile);
const testDb = await createTestDb('export_pdf');
const { store } = await createTestStore(testDb);
const dir = await mkdtemp(join(tmpdir(), 'ak-export-pdf-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

let events: ActivityEvent[] = [];
beforeAll(async () => {
  events = await recordExportEvents(store, 115);
});

const generatedAt = new Date('2026-11-23T12:00:00Z');

/** Writes the PDF and reads it back with poppler (`apt-get install poppler-utils`). */
async function pdfText(name: string, bytes: Buffer, layout = false): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, bytes);
  const { stdout } = await run('pdftotext', [...(layout ? ['-layout'] : []), file, '-']);
  return stdout;
}

async function pageCount(name: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [join(dir, `${name}.pdf`)]);
  return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
}

describe('exportPdf', () => {
  it('prints the title, filters, zone, generation time, every row and exact page numbers', async () => {
    const bytes = await readBytes(
      exportPdf(replay(events), {
        title: 'Activity log — Acme',
        filters: 'kind:delete actor:alice after:2026-11-01 "refund"',
        timeZone: 'Europe/Moscow',
        generatedAt,
      }),
    );
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-6).toString('latin1')).toMatch(/%%EOF\n?$/);
    const text = await pdfText('en', bytes);
    const pages = await pageCount('en');
    expect(pages).toBeGreaterThanOrEqual(3);

    expect(text).toContain('Activity log — Acme');
    expect(text).toContain('Filters: kind:delete actor:alice after:2026-11-01 "refund"');
    expect(text).toContain('Time zone: Europe/Moscow');
    expect(text).toContain('Generated: 2026-11-23 15:00:00 (Europe/Moscow)');
    expect(text).toContain(CYRILLIC_DESCRIPTION);
    expect(text).toContain('Алиса Смирнова (staff)');
    expect(text).toContain('2026-11-23 14:02:09'); // 11:02:09 UTC in Moscow
    expect(text).toContain('121 events');
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} of ${pages}`);
    expect(text).not.toContain(`Page ${pages + 1} of`);
    // The table header is on every page.
    expect(text.match(/Description/g)).toHaveLength(pages);
    // Every event's row made it, once: each request id / subject id appears.
    for (const event of events.filter((e) => e.subject?.type === 'booking')) {
      expect(text).toContain(event.subject?.label);
    }
  });

  it('speaks Russian: labels, generated descriptions and "Страница N из M"', async () => {
    const bytes = await readBytes(
      exportPdf(replay(events.slice(-30)), {
        title: 'Журнал действий',
        filters: '',
        timeZone: 'Asia/Yekaterinburg',
        locale: 'ru',
        generatedAt,
      }),
    );
    const text = await pdfText('ru', bytes);
    const pages = await pageCount('ru');
    expect(text).toContain('Журнал действий');
    expect(text).toContain('Фильтры: нет (все доступные события)');
    expect(text).toContain('Часовой пояс: Asia/Yekaterinburg');
    expect(text).toContain('Пользователь');
    expect(text).toContain(`Страница 1 из ${pages}`);
    expect(text).toContain('30 событий');
    expect(text).toContain(CYRILLIC_DESCRIPTION);
  });

  it('stops at maxRows with a line pointing to CSV', async () => {
    const bytes = await readBytes(
      exportPdf(replay(events), { title: 'Capped', maxRows: 10, generatedAt }),
    );
    const text = await pdfText('capped', bytes);
    expect(text).toContain('Truncated at 10 rows: more events match these filters.');
    expect(text).toContain('Export CSV or NDJSON');
    expect(text).toContain('Page 1 of 1');
  });

  it('cuts a row taller than a page with … and carries on', async () => {
    const [tall, ...rest] = events;
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i}`).join('\n');
    const source = replay([
      { ...(tall as ActivityEvent), description: lines },
      ...rest.slice(0, 3),
    ]);
    const bytes = await readBytes(exportPdf(source, { title: 'Tall', generatedAt }));
    const text = await pdfText('tall', bytes);
    // The tall row fills page 1 (not left alone on a page after an empty one).
    expect(await pageCount('tall')).toBe(2);
    expect(text.indexOf('line 0')).toBeLessThan(text.indexOf('Page 1 of 2'));
    expect(text).toContain('line 0');
    expect(text).not.toContain('line 399');
    expect(text).toContain('…');
    expect(text).toContain('4 events');
    expect(text).toContain('Page 2 of 2');
  });

  it('says so when nothing matches', async () => {
    const text = await pdfText(
      'empty',
      await readBytes(exportPdf(replay([]), { title: 'Nothing', generatedAt })),
    );
    expect(text).toContain('No events match these filters.');
    expect(text).toContain('Page 1 of 1');
  });

  it('says a selection is a selection of N events, not "Filters: none"', async () => {
    const three = events.slice(0, 3);
    const en = await pdfText(
      'selection',
      await readBytes(exportPdf(replay(three), { title: 'Picked', selection: 3, generatedAt })),
    );
    expect(en).toContain('Selection: 3 selected events');
    expect(en).not.toContain('Filters');
    expect(en).toContain('3 events');
    const ru = await pdfText(
      'selection-ru',
      await readBytes(
        exportPdf(replay(three.slice(0, 1)), {
          title: 'Выбранное',
          selection: 1,
          locale: 'ru',
          generatedAt,
        }),
      ),
    );
    expect(ru).toContain('Выборка: 1 выбранное событие');
    expect(ru).not.toContain('Фильтры');
  });

  it('renders page 1 to an image', async () => {
    const bytes = await readBytes(
      exportPdf(replay(events), {
        title: 'Activity log — Acme',
        filters: 'kind:update',
        generatedAt,
      }),
    );
    await writeFile(join(dir, 'page.pdf'), bytes);
    await run('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      join(dir, 'page.pdf'),
      join(dir, 'page'),
    ]);
    const png = await readFile(join(dir, 'page-1.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    if (process.env.AK_KEEP_PDF) await writeFile(process.env.AK_KEEP_PDF, bytes);
  });

  it('refuses an unknown time zone before producing a byte', () => {
    expect(() => exportPdf(replay(events), { title: 'x', timeZone: 'Mars/Base' })).toThrow(
      ActivityError,
    );
  });
});
