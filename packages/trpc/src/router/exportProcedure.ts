import {
  type ActivityStore,
  auditExport,
  EXPORT_CONTENT_TYPES,
  planExport,
  viewerEvents,
} from '@activitykit/core';
import type { ActivityEvent } from '@activitykit/schema';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import { defaultRequest } from '../capture/resolvers.ts';
import { buildExport, type ExportFileOptions, exportFilename } from '../export/exportFile.ts';
import { checkSecret, signExportToken } from '../export/exportToken.ts';
import type { AuthorizedProcedure } from './access.ts';
import { exportInput, input } from './inputs.ts';

/** How `export` hands out files. */
export interface ActivityExportOptions extends ExportFileOptions {
  /**
   * Hand out query exports as short-lived signed links served by `createActivityExportHandler`
   * (any size, streamed, a native browser download). Defaults to none: query exports are returned
   * inline, up to `maxInlineEvents`.
   */
  link?: {
    /** Where the export handler is mounted, e.g. `/api/activity-export`. */
    url: string;
    /** At least 32 bytes; the handler is given the same. */
    secret: string;
    /** How long a link works. Defaults to `300` seconds. */
    ttlSeconds?: number;
  };
  /** The most events an inline export holds (a selection by `ids` always is). Defaults to `5000`. */
  maxInlineEvents?: number;
}

/** What `export` returns: a link to download, or the file's bytes. */
export interface ActivityExportResult {
  filename: string;
  contentType: string;
  /** A short-lived download link (when `export.link` is set and the export is a query). */
  url?: string;
  /** The file, base64-encoded (exports of a selection by `ids`, or without `export.link`). */
  data?: string;
  /** How `data` is encoded. */
  encoding?: 'base64';
}

type ExportRequest = z.output<typeof exportInput>;

/** Stops with `PAYLOAD_TOO_LARGE` past `max` events. */
async function* capped(events: AsyncIterable<ActivityEvent>, max: number) {
  let count = 0;
  for await (const event of events) {
    if (++count > max) {
      throw new TRPCError({
        code: 'PAYLOAD_TOO_LARGE',
        message: `The export has more than ${max} events; narrow the query, or set up download links (export.link).`,
      });
    }
    yield event;
  }
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The `export` procedure. */
export function exportProcedure(
  procedure: AuthorizedProcedure,
  options: { store: ActivityStore; export?: ActivityExportOptions },
) {
  const { store } = options;
  const settings = options.export ?? {};
  const secret = settings.link ? checkSecret(settings.link.secret, 'export.link') : undefined;
  const maxInline = settings.maxInlineEvents ?? 5000;

  return procedure
    .input(input(exportInput))
    .mutation(async ({ ctx, input }): Promise<ActivityExportResult> => {
      const { scope } = ctx.access;
      const query: NonNullable<ExportRequest['query']> = input.query ?? { sort: 'desc' };
      const now = new Date();
      const filename = exportFilename(input.format, settings.baseName, now);
      if (settings.link && secret && !input.ids) {
        const token = signExportToken(
          {
            format: input.format,
            query,
            scope,
            actor: ctx.access.actor,
            ...(input.locale ? { locale: input.locale } : {}),
            expiresAt: now.getTime() + (settings.link.ttlSeconds ?? 300) * 1000,
          },
          secret,
        );
        const separator = settings.link.url.includes('?') ? '&' : '?';
        return {
          filename,
          contentType: EXPORT_CONTENT_TYPES[input.format],
          url: `${settings.link.url}${separator}token=${token}`,
        };
      }
      const { read, filters, selection } = planExport(
        input.ids ? { ...query, ids: input.ids } : query,
      );
      // Who exported what, recorded in each tenant whose events the file holds.
      const audit = auditExport(
        capped(viewerEvents(ctx.access, store.stream(read, scope)), maxInline),
        {
          store,
          format: input.format,
          actor: ctx.access.actor,
          scope,
          filters,
          ids: input.ids,
          context: defaultRequest(ctx),
          viewer: ctx.access.viewer,
        },
      );
      const file = buildExport(input.format, audit.events, {
        ...settings,
        timeZone: settings.timeZone ?? query.timeZone,
        locale: input.locale,
        filters,
        selection,
      });
      let data: Buffer;
      try {
        data = await collect(file.stream);
      } catch (error) {
        await audit.finish({ completed: false });
        throw error;
      }
      await audit.finish({ completed: true });
      return {
        filename,
        contentType: file.contentType,
        data: data.toString('base64'),
        encoding: 'base64',
      };
    });
}
