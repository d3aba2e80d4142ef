/**
 * The inputs of the store's writes that adapters accept from clients — verify, restore, bulk
 * delete and notes — as one set of zod schemas: REST parses JSON bodies with them and tRPC uses
 * them as procedure inputs, so both accept and refuse the same things.
 */

import { z } from 'zod';
import { parseRefKey } from './event.ts';
import { eventIdSchema } from './ids.ts';
import { activityFilterSchema, activityQuerySchema, MAX_QUERY_IDS } from './query.ts';

/** The longest note, in characters. */
export const MAX_NOTE_LENGTH = 5000;

/** The most ids one bulk delete (or one selection) may name. */
export const MAX_BULK_IDS = MAX_QUERY_IDS;

const tenantIdSchema = z.string().trim().min(1).max(200);

/** A selection of 1 to {@link MAX_BULK_IDS} event ids. */
export const eventIdsSchema = z
  .array(eventIdSchema)
  .min(1, 'give at least one id')
  .max(MAX_BULK_IDS, {
    error: (issue) =>
      `at most ${MAX_BULK_IDS} ids per call, got ${Array.isArray(issue.input) ? issue.input.length : '?'}`,
  });

/**
 * A record key `type:id` (e.g. `customer:42`), parsed to `{ type, id }`.
 *
 * @example
 * ```ts
 * refKeySchema.parse('customer:42'); // { type: 'customer', id: '42' }
 * ```
 */
export const refKeySchema = z
  .string()
  .max(301)
  .transform((key, ctx) => {
    const ref = parseRefKey(key.trim());
    if (!ref || /\s/.test(ref.type)) {
      ctx.addIssue({ code: 'custom', message: 'a record key is type:id, e.g. "customer:42"' });
      return z.NEVER;
    }
    return ref;
  });

/** A query without paging: what stats, signals, exports, bulk deletes and live streams read. */
export const filterQuerySchema = activityQuerySchema.omit({ cursor: true, limit: true });

/** `verify`: one tenant's chain, optionally within `[from, to)` (strict ISO instants or Dates). */
export const verifyInputSchema = z.strictObject({
  tenantId: tenantIdSchema,
  from: activityFilterSchema.shape.from,
  to: activityFilterSchema.shape.to,
});

/** `restore`: the delete to undo. */
export const restoreInputSchema = z.strictObject({ id: eventIdSchema });

/** `bulkDelete`: a selection of ids, or every event a query matches within the scope. */
export const bulkDeleteInputSchema = z.union([
  z.strictObject({ ids: eventIdsSchema }),
  z.strictObject({ query: filterQuerySchema }),
]);

/** `addNote`: a note on a record; `tenantId` only when the scope spans several and the record has no events yet. */
export const noteInputSchema = z.strictObject({
  ref: refKeySchema,
  body: z.string().trim().min(1).max(MAX_NOTE_LENGTH),
  tenantId: tenantIdSchema.optional(),
});
