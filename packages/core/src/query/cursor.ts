import type { SortDirection } from '@activitykit/schema';
import { ActivityError } from '../errors.ts';

/** A position in a result list: the last event of a page, and the sort it was read in. */
export interface CursorPosition {
  occurredAt: Date;
  id: string;
  sort: SortDirection;
}

/** An opaque, URL-safe cursor. It holds a position only; the scope is applied on every read. */
export function encodeCursor(position: CursorPosition): string {
  const raw = JSON.stringify([position.occurredAt.getTime(), position.id, position.sort]);
  return Buffer.from(raw, 'utf8').toString('base64url');
}

/** Reads a cursor; throws `INVALID_CURSOR` for anything this store did not make for `sort`. */
export function decodeCursor(cursor: string, sort: SortDirection): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    !Number.isSafeInteger(parsed[0]) ||
    typeof parsed[1] !== 'string' ||
    !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(parsed[1]) ||
    (parsed[2] !== 'asc' && parsed[2] !== 'desc')
  ) {
    throw new ActivityError(
      'INVALID_CURSOR',
      'The cursor is not one this API returned; pass the nextCursor of the previous page as it is.',
    );
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
