import { SchemaError } from '@activitykit/schema';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_ERROR_CODES,
  ActivityError,
  activityFailure,
  HTTP_STATUS_BY_CODE,
} from './errors.ts';

describe('activityFailure', () => {
  it('gives the code, the status of the one table, and the message', () => {
    expect(activityFailure(new ActivityError('NOT_RESTORABLE', 'Not a delete.'))).toEqual({
      code: 'NOT_RESTORABLE',
      status: 422,
      message: 'Not a delete.',
    });
    expect(activityFailure(new SchemaError('INVALID_TIME_ZONE', 'Bad zone.'))).toMatchObject({
      code: 'INVALID_TIME_ZONE',
      status: 400,
    });
    for (const code of Object.keys(ACTIVITY_ERROR_CODES)) {
      expect(
        HTTP_STATUS_BY_CODE[code as keyof typeof ACTIVITY_ERROR_CODES],
        code,
      ).toBeGreaterThanOrEqual(400);
    }
  });

  it('reports a search error as INVALID_SEARCH with its position, however deep it is wrapped', () => {
    const search = new SchemaError('INVALID_SEARCH', 'Unknown key "colour".', {
      position: 5,
      length: 12,
      search: { reason: 'UNKNOWN_KEY', params: { key: 'colour', keys: 'kind' } },
    });
    const wrapped = new Error('outer', {
      cause: new ActivityError('INVALID_QUERY', search.message, { cause: search }),
    });
    expect(activityFailure(wrapped)).toEqual({
      code: 'INVALID_SEARCH',
      status: 400,
      message: 'Unknown key "colour".',
      position: 5,
      length: 12,
      search: { reason: 'UNKNOWN_KEY', params: { key: 'colour', keys: 'kind' } },
    });
  });

  it('says nothing of other errors: they are bugs, answered 500 and reported', () => {
    expect(activityFailure(new Error('boom'))).toBeUndefined();
    expect(activityFailure('boom')).toBeUndefined();
  });
});
