import { EXPORT_FORMATS } from '@activitykit/core';
import {
  activityFilterSchema,
  activityQuerySchema,
  actorSuggestionQuerySchema,
  DEFAULT_ACTOR_SUGGESTIONS,
  describeIssues,
  eventIdSchema,
  inputErrorMap,
  LOCALES,
  MAX_ACTOR_SUGGESTIONS,
  MAX_QUERY_IDS,
  parseRefKey,
} from '@activitykit/schema';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

/**
 * A zod schema as a tRPC input parser whose failure is a `BAD_REQUEST` naming every problem by its
 * field (`limit: a whole number from 1 to 200, got 500; ids: at most 1000 ids per call, got 1001`)
 * rather than zod's raw issue list.
 */
export interface InputParser<TIn, TOut> {
  _input: TIn;
  _output: TOut;
  parse(value: unknown): TOut;
}

/** Wraps a zod schema as an {@link InputParser}. */
export function input<TSchema extends z.ZodType>(
  schema: TSchema,
): InputParser<z.input<TSchema>, z.output<TSchema>> {
  return {
    _input: undefined as z.input<TSchema>,
    _output: undefined as z.output<TSchema>,
    parse(value) {
      const result = schema.safeParse(value, { error: inputErrorMap });
      if (result.success) return result.data;
      const problems = describeIssues(result.error.issues);
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `Invalid input — ${problems}.`,
        cause: result.error,
      });
    },
  };
}

export { eventIdSchema };

/** A selection of 1 to {@link MAX_QUERY_IDS} event ids. */
const eventIdsSchema = z
  .array(eventIdSchema)
  .min(1, 'give at least one id')
  .max(MAX_QUERY_IDS, {
    error: (issue) =>
      `at most ${MAX_QUERY_IDS} ids per call, got ${Array.isArray(issue.input) ? issue.input.length : '?'}`,
  });

/** A record key `type:id`, parsed to `{ type, id }`. */
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

/** A query without paging: for stats, signals, exports and the live stream. */
const filterQuery = activityQuerySchema.omit({ cursor: true, limit: true });

export const listInput = activityQuerySchema;
export const getInput = z.strictObject({ id: eventIdSchema });
export const timelineInput = z.strictObject({
  ref: refKeySchema,
  query: activityQuerySchema.omit({ refs: true, subjects: true }).optional(),
});
export const statsInput = z.strictObject({
  query: filterQuery.optional(),
  bucket: z.enum(['hour', 'day', 'week']).optional(),
});
export const signalsInput = z.strictObject({ query: filterQuery.optional() });
export const verifyInput = z.strictObject({
  tenantId: z.string().trim().min(1).max(200),
  from: activityFilterSchema.shape.from,
  to: activityFilterSchema.shape.to,
});
export const restoreInput = z.strictObject({ id: eventIdSchema });
export const bulkDeleteInput = z.union([
  z.strictObject({ ids: eventIdsSchema }),
  z.strictObject({ query: filterQuery }),
]);
export const addNoteInput = z.strictObject({
  ref: refKeySchema,
  body: z.string().trim().min(1).max(5000),
  /** The tenant; needed only when the scope spans several and the record has no events yet. */
  tenantId: z.string().trim().min(1).max(200).optional(),
});
export const exportInput = z.strictObject({
  format: z.enum(EXPORT_FORMATS),
  query: filterQuery.optional(),
  /** A selection of events (at most 1000), exported in the query's sort. */
  ids: eventIdsSchema.optional(),
  locale: z.enum(LOCALES).optional(),
});
/**
 * `suggestActors`: the schema's query with `limit` a number for clients (the schema coerces it
 * from query strings for REST, which would make it `unknown` in the client's types).
 */
export const suggestActorsInput = actorSuggestionQuerySchema.extend({
  limit: z.number().int().min(1).max(MAX_ACTOR_SUGGESTIONS).default(DEFAULT_ACTOR_SUGGESTIONS),
});
/** The live stream: any list query (paging fields are ignored) and where to resume. */
export const liveInput = z
  .strictObject({
    query: activityQuerySchema.optional(),
    lastEventId: eventIdSchema.nullish(),
  })
  .optional();
