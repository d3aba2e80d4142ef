import { type ActivityAccess, resolveAccess } from '../access.ts';
import type { ActivityStore } from '../activityStore.ts';
import { ActivityError } from '../errors.ts';
import { narrowScope } from './narrowScope.ts';
import type { ViewerPermission } from './viewerClaims.ts';

/** What {@link viewerAccess} takes from an adapter. */
export interface ViewerRequestOptions {
  store: Pick<ActivityStore, 'verifyViewerToken'>;
  /** The request's `Authorization` header (or what stands for it, e.g. a subscription's params). */
  authorization: string | null | undefined;
  /** The app's `authorize` answer for the same request (asked only when a token came). */
  session: () => unknown;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The access of a request that carries `Authorization: Bearer <viewer token>`, or `undefined`
 * when it carries none (the adapter asks `authorize` as always). A bad token is `INVALID_TOKEN`,
 * `TOKEN_EXPIRED` or `TOKEN_REVOKED` (401). When the app's session of the same request may read
 * the log too, the access is what both allow (the session's actor, the token's limits): a token
 * never widens a session. A session that may read nothing (no sign-in, no tenant) leaves the
 * token's own access — the page the app's session does not reach.
 *
 * @example
 * ```ts
 * const access = (await viewerAccess({ store, authorization: req.get('authorization'),
 *   session: () => authorize(req) })) ?? resolveAccess(await authorize(req));
 * ```
 */
export async function viewerAccess(
  options: ViewerRequestOptions,
): Promise<ActivityAccess | undefined> {
  const header = options.authorization?.trim();
  if (!header || !/^Bearer\b/i.test(header)) return undefined;
  const token = BEARER.exec(header)?.[1];
  if (!token) {
    throw new ActivityError(
      'INVALID_TOKEN',
      'Send a viewer token as Authorization: Bearer <token>.',
    );
  }
  const granted = await options.store.verifyViewerToken(token);
  let own: ActivityAccess;
  try {
    own = resolveAccess(await options.session());
  } catch (error) {
    if (
      error instanceof ActivityError &&
      (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN')
    ) {
      return granted;
    }
    throw error;
  }
  return { scope: narrowScope(own.scope, granted.scope), actor: own.actor, viewer: granted.viewer };
}

/**
 * Refuses (`FORBIDDEN`) a viewer token's access to what its permissions do not cover: `need` is
 * the permission an operation takes, or `'none'` for operations no token may do (verify, integrity
 * status, restore, delete, notes). Any other access passes.
 *
 * @example
 * ```ts
 * assertViewerCan(access, 'export'); // before an export
 * ```
 */
export function assertViewerCan(access: ActivityAccess, need: ViewerPermission | 'none'): void {
  const { viewer } = access;
  if (!viewer || (need !== 'none' && viewer.can.includes(need))) return;
  throw new ActivityError(
    'FORBIDDEN',
    need === 'none'
      ? 'A viewer token may only read and export the log it was minted for.'
      : `This viewer token may not ${need === 'read' ? 'read' : 'export'} the log.`,
  );
}
