import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SortDirection } from '@activitykit/schema';
import { isUlid } from '@activitykit/schema';
import { ActivityError } from '../errors.ts';

/** A position in a result list: the last event of a page, and the sort it was read in. */
export interface CursorPosition {
  occurredAt: Date;
  id: string;
  sort: SortDirection;
}

/** Makes and reads the store's cursors with its key. */
export interface CursorCodec {
  /** An opaque, URL-safe cursor: `<position>.<HMAC-SHA256 of it>`, both base64url. */
  encode(position: CursorPosition): string;
  /** Reads a cursor; throws `INVALID_CURSOR` for anything this store did not sign for `sort`. */
  decode(cursor: string, sort: SortDirection): CursorPosition;
}

const NOT_OURS =
  'The cursor is not one this API returned (it was changed, or comes from another deployment); ' +
  'pass the nextCursor of the previous page as it is, or start again without a cursor.';

/**
 * The cursors of a store signed with `key` (32 bytes): a position can only come back as this
 * store (or another process sharing its key) wrote it, so a forged or edited cursor is refused
 * rather than read as a position. The scope is applied on every read regardless.
 */
export function createCursorCodec(key: Uint8Array): CursorCodec {
  const sign = (payload: string) =>
    createHmac('sha256', key).update(`cursor.v1.${payload}`).digest();
  return {
    encode(position) {
      const raw = JSON.stringify([position.occurredAt.getTime(), position.id, position.sort]);
      const payload = Buffer.from(raw, 'utf8').toString('base64url');
      return `${payload}.${sign(payload).toString('base64url')}`;
    },
    decode(cursor, sort) {
      const [payload = '', mac = '', ...rest] = cursor.split('.');
      const given = Buffer.from(mac, 'base64url');
      const expected = sign(payload);
      if (
        rest.length > 0 ||
        given.length !== expected.length ||
        !timingSafeEqual(given, expected)
      ) {
        throw new ActivityError('INVALID_CURSOR', NOT_OURS);
      }
      return checkPosition(payload, sort);
    },
  };
}

function checkPosition(payload: string, sort: SortDirection): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    !Number.isSafeInteger(parsed[0]) ||
    typeof parsed[1] !== 'string' ||
    !isUlid(parsed[1]) ||
    (parsed[2] !== 'asc' && parsed[2] !== 'desc')
  ) {
    throw new ActivityError('INVALID_CURSOR', NOT_OURS);
  }
  if (parsed[2] !== sort) {
    throw new ActivityError(
      'INVALID_CURSOR',
      `The cursor was made for sort "${parsed[2]}" but the query asks for "${sort}"; keep the sort ` +
        'the same across pages, or start again without a cursor.',
    );
  }
  return { occurredAt: new Date(parsed[0]), id: parsed[1], sort };
}

/** The MongoDB clause for "after this position" in the cursor's sort. */
export function afterCursor(position: CursorPosition): Record<string, unknown> {
  const op = position.sort === 'desc' ? '$lt' : '$gt';
  return {
    $or: [
      { occurredAt: { [op]: position.occurredAt } },
      { occurredAt: position.occurredAt, _id: { [op]: position.id } },
    ],
  };
}
