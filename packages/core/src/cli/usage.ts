/** Exit codes and usage errors: light, so help answers without loading the store. */

/** Exit codes of the `activitykit` CLI. */
export const EXIT = {
  /** Done; for `verify`, nothing was found. */
  OK: 0,
  /** `verify` found tampering, a missing checkpoint or a wrong key. */
  PROBLEMS: 1,
  /** Bad command line. */
  USAGE: 2,
  /** The work failed (MongoDB unreachable, a file unreadable…). */
  FAILED: 3,
  /**
   * `verify` found the events sound, but the anchor it was given is missing, unreadable, empty,
   * behind the checkpoints or disagrees with them.
   */
  ANCHOR: 4,
} as const;

/** A command-line mistake: printed with the command's help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
