/**
 * What the store counts at write time so that analytics and list planning read a few small
 * documents instead of every event (FerretDB decodes each event it reads in Go, ~300 µs apiece).
 *
 * Each writer (one per store, so per process) owns its own counter documents: FerretDB applies an
 * update by reading and rewriting the document, so two processes incrementing one document could
 * lose an increment; one owner applying its updates in order cannot. Readers add up the documents of
 * every writer.
 */
export interface CounterMaps {
  /** Events. */
  n: number;
  /** Events per quarter hour: of the day (`0`–`95`) in a day document, of the hour (`0`–`3`) in an hour one. */
  q: Record<string, number>;
  /** Events per `kind~outcome`. */
  k: Record<string, number>;
  /** Events per category. */
  c: Record<string, number>;
  /** Events per action (escaped key). */
  a: Record<string, number>;
  /** Events per actor id (escaped key). */
  u: Record<string, number>;
  /** Successful logins per actor id (escaped key). */
  l: Record<string, number>;
  /** The latest look of each actor (escaped key): their newest event's actor fields. */
  p: Record<string, ActorLook>;
  /** Events per actor key (`EventDocument.actorKeys`, escaped), on day documents only. */
  ak?: Record<string, number>;
  /**
   * Successful logins per `<actor>~<ip>` (both escaped; the IP empty when the event has none), on
   * day documents only: the new-IP signal's look back reads these.
   */
  li?: Record<string, number>;
  /**
   * Each user's first successful login from each IP of the day (`<actor>~<ip>` as in `li`), as
   * `<ISO instant>|<event id>`, on day documents from shape 3: the new-IP rule looks the event up by
   * its id instead of reading the day.
   */
  lf?: Record<string, string>;
  /** Events per signal mark (`EventDocument.marks`, e.g. `permission_change`), on day documents only. */
  m?: Record<string, number>;
}

/**
 * The shape of the counters a writer keeps; stored as `v` on its documents (each writer writes only
 * its own, so a document is of one shape). Readers check the shape a count first appeared in
 * ({@link SHAPE_WITH}) and read the events of days whose documents are older.
 */
export const COUNTER_SHAPE = 3;

/** The shape from which each count is kept. Documents without `v` are of shape 1. */
export const SHAPE_WITH = {
  /** Day documents count `li` and `m`, and signal-count documents exist. */
  signalCounts: 2,
  /** Signal-count documents count failed logins per account and per IP (`fa`, `fi`). */
  failedLoginKeys: 3,
  /** Day documents keep each user's first successful login per IP (`lf`). */
  firstLogins: 3,
} as const;

/** An actor as their newest counted event showed them. */
export interface ActorLook {
  type: string;
  name?: string;
  role?: string;
  at: Date;
}

/**
 * A writer's counts of one tenant and UTC day that the security signals read (`s|<tenant>|<day>|<writer>`),
 * apart from the day's counters so that lists and stats do not carry them.
 */
export interface SignalCountsDocument {
  _id: string;
  type: 'signals';
  tenantId: string;
  writer: string;
  month: string;
  day: string;
  v: number;
  /** Deletes (`<HH>~delete`) and failed logins (`<HH>~failed`) per UTC hour of the day. */
  hb?: Record<string, number>;
  /**
   * Failed logins per UTC hour and account (`<HH>~<hash>`, the hash of `accountOf`'s id, see
   * `shortHash`), from shape 3: the per-account burst rule reads only hours where one account's fit.
   */
  fa?: Record<string, number>;
  /** Failed logins per UTC hour and IP address (`<HH>~<hash>`), from shape 3. */
  fi?: Record<string, number>;
  /** Events of people (`user` actors) per `<actor>~<quarter>` (escaped id, quarter of the day `0`–`95`). */
  uq?: Record<string, number>;
  /** Deletes by people per `<actor>~<quarter>`. */
  ud?: Record<string, number>;
}

/** A writer's counters of one tenant for one UTC day or one UTC hour. */
export interface RollupDocument extends CounterMaps {
  /** `d|<tenant>|<day>|<writer>` or `h|<tenant>|<hour>|<writer>`. */
  _id: string;
  type: 'day' | 'hour';
  tenantId: string;
  writer: string;
  /** `2026-12` */
  month: string;
  /** `2026-12-05` */
  day: string;
  /** `2026-12-05T14`, on hour documents. */
  hour?: string;
  /** The counters' shape ({@link COUNTER_SHAPE}); absent on documents of the first shape. */
  v?: number;
  /**
   * The number of the last update applied (the writer numbers its updates per document, so one
   * sent again after a timeout is refused instead of counted twice); absent on older documents.
   */
  seq?: number;
}

/** A tenant had events in a UTC month: `m|<tenant>|<month>`, written once by whoever sees it first. */
export interface MonthMarker {
  _id: string;
  type: 'month';
  tenantId: string;
  month: string;
}

/** The claim of the one-off count of events stored before rollups (see `backfillRollups`). */
export interface BackfillMarker {
  _id: 'rollups_backfill';
  type: 'backfill';
}

export type RollupCollectionDocument =
  | RollupDocument
  | SignalCountsDocument
  | MonthMarker
  | BackfillMarker;
