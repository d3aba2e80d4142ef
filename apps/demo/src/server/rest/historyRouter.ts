import { ActivityError, type ActivityStore } from '@activitykit/core';
import { type ActivityEvent, type ActivityPage, parseRefKey } from '@activitykit/schema';
import { type Request, type Response, Router } from 'express';
import { CUSTOMER_HISTORY_KINDS, hiddenRolesOf, tenantsOf } from '../access.ts';
import { HttpError, requireUser, STAFF } from './http.ts';

/** Events the hidden-history count reads at most. */
const MAX_PAGE = 100;
/** How long a customer's viewer token lives, in seconds. */
const VIEWER_TOKEN_TTL = 600;

/**
 * `/api/history`, what the activity API does not answer by itself:
 * - `POST /viewer-token` — a viewer token for a signed-in customer: her own profile's history,
 *   read through the activity API (`Authorization: Bearer`), and nothing else of the log;
 * - `GET /hidden?ref=type:id` — how many events of a record the user's role hides from them
 *   (staff do not see the owner's or the administrator's), so the page can say so.
 */
export function historyRouter(store: ActivityStore): Router {
  const router = Router();

  router.post('/viewer-token', (req: Request, res: Response) => {
    const user = requireUser(req, ['customer']);
    if (!user.customerId) throw new HttpError(404, 'This account has no customer profile.');
    // Not a change to any record: her looks at the log are recorded as `activity.viewed` instead.
    (req as { activity?: { skip(): void } }).activity?.skip();
    // Her own record in her own business (no staff notes), read only, for ten minutes: the
    // portal asks again.
    const minted = store.createViewerToken({
      tenantId: user.tenantId,
      refs: [`customer:${user.customerId}`],
      kinds: CUSTOMER_HISTORY_KINDS,
      can: ['read'],
      redact: true, // what changed and who did it, not from where (no staff IPs or browsers)
      ttl: VIEWER_TOKEN_TTL,
      within: { tenants: [user.tenantId] },
      actor: { id: user.id, type: 'user', name: user.name, role: user.role },
    });
    res.set('Cache-Control', 'no-store');
    res.json({ token: minted.token, expiresAt: minted.expiresAt.toISOString() });
  });

  router.get('/hidden', async (req: Request, res: Response) => {
    const user = requireUser(req, STAFF);
    const ref = typeof req.query.ref === 'string' ? parseRefKey(req.query.ref) : undefined;
    if (!ref) throw new HttpError(400, 'ref: name the record as type:id, e.g. customer:C-1.');
    const roles = hiddenRolesOf(user);
    if (roles.length === 0) {
      res.json({ hidden: 0, more: false, roles });
      return;
    }
    const page = await read(() =>
      store.timeline(ref, { roles, limit: MAX_PAGE }, { tenants: tenantsOf(user) }),
    );
    res.json({ hidden: page.items.length, more: page.nextCursor !== undefined, roles });
  });

  return router;
}

/** A store read; a bad cursor or query is the caller's 400. */
async function read(run: () => Promise<ActivityPage<ActivityEvent>>) {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ActivityError && error.code.startsWith('INVALID_')) {
      throw new HttpError(400, error.message);
    }
    throw error;
  }
}
