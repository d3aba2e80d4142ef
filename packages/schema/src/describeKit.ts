/**
 * Facts of the actions the kit records on its own — one-time-code steps of a sign-in, bulk
 * deletes, retention sweeps and exports of the activity log — which the generic rules of
 * `describe` would word as machine names (`auth otp verified (an auth record)`). Internal: used by
 * `describe.ts` only.
 * @internal
 * @module
 */

/** What a kit action says, before it is put in words. */
export type KitFact =
  | { type: 'otp_requested' | 'otp_verified'; actor: string }
  | { type: 'otp_failed'; identifier?: string | undefined }
  | {
      type: 'log_deleted';
      actor: string;
      count: number;
      total?: number | undefined;
      /** Which of `total` this record holds, when one delete is recorded in several parts. */
      part?: { from: number; to: number } | undefined;
      ids: string[];
      ip?: string | undefined;
    }
  | { type: 'log_swept'; actor: string; count?: number | undefined; days?: number | undefined }
  | {
      type: 'log_exported';
      actor: string;
      count?: number | undefined;
      format?: string | undefined;
      /** How many events a selection (the ids a reader ticked) named. */
      selection?: number | undefined;
      /** The export's filters in the search syntax. */
      filters?: string | undefined;
      /** The file stopped before its last event (a failure, or the client went away). */
      stopped?: boolean | undefined;
      ip?: string | undefined;
    };

/** What {@link kitFact} reads of an event. */
export interface KitEvent {
  action: string;
  metadata?: Record<string, unknown> | undefined;
  context?: { ip?: string | undefined } | undefined;
}

/** The most characters of an export's filters a sentence quotes. */
const QUOTED_FILTERS = 200;

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/** `{ from, to }` of a part, when both are counts and in order. */
function partOf(value: unknown): { from: number; to: number } | undefined {
  const { from, to } = record(value);
  const first = count(from);
  const last = count(to);
  return first !== undefined && last !== undefined && first <= last
    ? { from: first, to: last }
    : undefined;
}

/** The filters, cut to {@link QUOTED_FILTERS} characters. */
function quotedFilters(value: unknown): string | undefined {
  const filters = text(value);
  if (!filters || filters.length <= QUOTED_FILTERS) return filters;
  return `${filters.slice(0, QUOTED_FILTERS - 1)}…`;
}

/**
 * The fact of a kit action, or `undefined` for any other action. `actor` is the actor's name as
 * the sentence says it; `identifier` is the attempted sign-in's e-mail or name.
 */
export function kitFact(
  event: KitEvent,
  { actor, identifier }: { actor: string; identifier?: string | undefined },
): KitFact | undefined {
  const metadata = event.metadata ?? {};
  switch (event.action) {
    case 'auth.otp_requested':
      return { type: 'otp_requested', actor };
    case 'auth.otp_verified':
      return { type: 'otp_verified', actor };
    case 'auth.otp_failed':
      return { type: 'otp_failed', identifier };
    case 'activity.bulk_deleted': {
      const ids = Array.isArray(metadata.ids)
        ? metadata.ids.filter((id): id is string => typeof id === 'string')
        : [];
      const total = count(metadata.total);
      const partial = total !== undefined && total > ids.length && ids.length > 0;
      return {
        type: 'log_deleted',
        actor,
        count: ids.length || total || 0,
        total: partial ? total : undefined,
        part: partial ? partOf(metadata.part) : undefined,
        ids,
        ip: text(event.context?.ip),
      };
    }
    case 'retention.swept':
      return {
        type: 'log_swept',
        actor,
        count: count(metadata.deleted),
        days: count(metadata.days),
      };
    case 'activity.exported': {
      const selection = metadata.selection;
      return {
        type: 'log_exported',
        actor,
        count: count(metadata.count ?? metadata.rows ?? metadata.total),
        format: text(metadata.format)?.toUpperCase(),
        selection: count(typeof selection === 'number' ? selection : record(selection).count),
        filters: quotedFilters(metadata.filters),
        stopped: metadata.completed === false || undefined,
        ip: text(event.context?.ip),
      };
    }
    default:
      return undefined;
  }
}
