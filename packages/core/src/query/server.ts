import type { Db } from 'mongodb';

/**
 * What the server filters in the database, which decides the query shapes the store sends:
 *
 * - `mongodb`: MongoDB (or a server like it) uses compound indexes for ranges, `$in`, `$or` and
 *   sorts, so a list is one `find` with a sort and a limit;
 * - `equality`: FerretDB 1.24 filters in the database only top-level equality conditions and sorts
 *   only by `$natural`, decoding every other document in Go (~300 µs each), so the store reads by
 *   equality on selective fields (`_id`, tenant, ref key, UTC hour or day) and sorts small windows.
 */
export type ServerProfile = 'mongodb' | 'equality';

/**
 * Asks the server once (`buildInfo`) which shapes serve it; a failure (the database is not up yet)
 * is asked again on the next use.
 *
 * @example
 * ```ts
 * const profile = serverProfileSource(client.db('app'));
 * if ((await profile()) === 'equality') … // FerretDB
 * ```
 */
export function serverProfileSource(db: Db): () => Promise<ServerProfile> {
  let known: Promise<ServerProfile> | undefined;
  return () => {
    known ??= db
      .admin()
      .command({ buildInfo: 1 })
      .then((info): ServerProfile => ('ferretdbVersion' in info ? 'equality' : 'mongodb'))
      .catch((error: unknown) => {
        known = undefined;
        throw error;
      });
    return known;
  };
}
