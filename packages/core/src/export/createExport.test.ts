import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActivityError } from '../errors.ts';
import { createTestStore } from '../test/storeFixture.ts';
import { createExport, type ExportOptionsByFormat } from './createExport.ts';
import { exportCsv } from './exportCsv.ts';
import { readBytes, recordExportEvents, replay } from './exportFixture.ts';
import { exportNdjson } from './exportNdjson.ts';
import {
  EXPORT_CONTENT_TYPES,
  EXPORT_FILE_EXTENSIONS,
  EXPORT_FORMATS,
  type ExportFormat,
  exportContentDisposition,
  isExportFormat,
} from './formats.ts';

const testDb = await createTestDb('export_create');
const { store } = await createTestStore(testDb);

let events: ActivityEvent[] = [];
beforeAll(async () => {
  events = await recordExportEvents(store, 20);
});

describe('createExport', () => {
  it('gives the stream of the format with its content type and extension', async () => {
    const csv = createExport('csv', replay(events), { timeZone: 'Europe/Moscow' });
    expect(csv).toMatchObject({ format: 'csv', contentType: 'text/csv; charset=utf-8' });
    expect(csv.fileExtension).toBe('csv');
    expect(await readBytes(csv.stream)).toEqual(
      await readBytes(exportCsv(replay(events), { timeZone: 'Europe/Moscow' })),
    );

    const ndjson = createExport('ndjson', replay(events), {});
    expect(ndjson.contentType).toBe('application/x-ndjson; charset=utf-8');
    expect(await readBytes(ndjson.stream)).toEqual(await readBytes(exportNdjson(replay(events))));

    const pdf = createExport('pdf', replay(events), { title: 'Activity', locale: 'ru' });
    expect(pdf.contentType).toBe('application/pdf');
    expect((await readBytes(pdf.stream)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('refuses an unknown format with INVALID_QUERY', () => {
    const format = 'xlsx' as ExportFormat;
    expect(() =>
      createExport(format, replay(events), {} as ExportOptionsByFormat[ExportFormat]),
    ).toThrow(ActivityError);
  });
});

describe('export formats', () => {
  it('has a content type and an extension for every format', () => {
    expect(EXPORT_FORMATS).toEqual(['csv', 'ndjson', 'pdf']);
    for (const format of EXPORT_FORMATS) {
      expect(EXPORT_CONTENT_TYPES[format]).toMatch(/^[a-z]+\/[a-z-]+/);
      expect(EXPORT_FILE_EXTENSIONS[format]).toBe(format);
      expect(isExportFormat(format)).toBe(true);
    }
    expect(isExportFormat('xlsx')).toBe(false);
    expect(isExportFormat(undefined)).toBe(false);
  });

  it('builds a Content-Disposition that keeps a Cyrillic file name', () => {
    expect(exportContentDisposition({ format: 'pdf' })).toBe(
      `attachment; filename="activity.pdf"; filename*=UTF-8''activity.pdf`,
    );
    const value = exportContentDisposition({ format: 'csv', baseName: 'журнал "1"' });
    expect(value).toBe(
      `attachment; filename="______ _1_.csv"; filename*=UTF-8''` +
        `${encodeURIComponent('журнал "1".csv')}`,
    );
    const encoded = /filename\*=UTF-8''(.+)$/.exec(value)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe('журнал "1".csv');
  });
});
