import { EXPORT_FORMATS, eventIdsSchema, filterQuerySchema, refKeySchema } from '@activitykit/core';
import {
  activityQuerySchema,
  actorSuggestionQuerySchema,
  DEFAULT_ACTOR_SUGGESTIONS,
  describeIssues,
  eventIdSchema,
  inputErrorMap,
  LOCALES,
  MAX_ACTOR_SUGGESTIONS,
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

const filterQuery = filterQuerySchema;

export { refKeySchema };

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
