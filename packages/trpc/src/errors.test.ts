import { ACTIVITY_ERROR_CODES, ActivityError, HTTP_STATUS_BY_CODE } from '@activitykit/core';
import { SCHEMA_ERROR_CODES, SchemaError } from '@activitykit/schema';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_TRPC_CODES, activityErrorData, toTRPCError } from './errors.ts';

describe('toTRPCError', () => {
  it('maps every store and schema code, keeping the message and the cause', () => {
    const codes = [...Object.keys(ACTIVITY_ERROR_CODES), ...Object.keys(SCHEMA_ERROR_CODES)];
    expect(Object.keys(ACTIVITY_TRPC_CODES).sort()).toEqual(codes.sort());
    const error = new ActivityError('ALREADY_RESTORED', 'Restored already.');
    expect(toTRPCError(error)).toMatchObject({
      code: 'CONFLICT',
      message: 'Restored already.',
      cause: error,
    });
    expect(toTRPCError(new SchemaError('INVALID_TIME_ZONE', 'Bad zone.'))).toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it("gives every code the HTTP status REST answers with (core's one table)", () => {
    for (const [code, trpcCode] of Object.entries(ACTIVITY_TRPC_CODES)) {
      const status = getHTTPStatusCodeFromError(new TRPCError({ code: trpcCode }));
      expect(status, code).toBe(HTTP_STATUS_BY_CODE[code as keyof typeof HTTP_STATUS_BY_CODE]);
    }
    expect(ACTIVITY_TRPC_CODES.NOT_RESTORABLE).toBe('UNPROCESSABLE_CONTENT');
    expect(ACTIVITY_TRPC_CODES.INVALID_SCOPE).toBe('FORBIDDEN');
  });

  it('unwraps the internal error tRPC makes of a thrown store error, and passes others through', () => {
    const wrapped = new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      cause: new ActivityError('NOT_FOUND', 'No event.'),
    });
    expect(toTRPCError(wrapped)).toMatchObject({ code: 'NOT_FOUND', message: 'No event.' });
    const own = new TRPCError({ code: 'TOO_MANY_REQUESTS' });
    expect(toTRPCError(own)).toBe(own);
    expect(toTRPCError(new Error('boom'))).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
  });
});

describe('activityErrorData', () => {
  it('gives the code and where a search string went wrong', () => {
    const search = new SchemaError('INVALID_SEARCH', 'Unknown kind.', { position: 5, length: 7 });
    const error = toTRPCError(
      new ActivityError('INVALID_QUERY', 'Unknown kind.', { cause: search }),
    );
    // As REST reports it: the search error, not the query that wraps it.
    expect(activityErrorData(error)).toEqual({
      code: 'INVALID_SEARCH',
      status: 400,
      position: 5,
      length: 7,
    });
    expect(activityErrorData(new TRPCError({ code: 'FORBIDDEN' }))).toBeUndefined();
  });

  it('gives the reason and parameters of a search error, for localized messages', () => {
    const problem = { reason: 'INVALID_DATE', params: { value: '2026-02-30' } } as const;
    const search = new SchemaError('INVALID_SEARCH', 'invalid date', {
      position: 0,
      length: 16,
      search: problem,
    });
    const error = toTRPCError(new ActivityError('INVALID_QUERY', 'bad', { cause: search }));
    expect(activityErrorData(error)).toEqual({
      code: 'INVALID_SEARCH',
      status: 400,
      position: 0,
      length: 16,
      search: problem,
    });
  });
});
