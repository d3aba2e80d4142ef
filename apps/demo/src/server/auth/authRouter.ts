import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Collections } from '../domain/model.ts';
import { PLATFORM_TENANT } from '../domain/tenants.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { closeSession, confirmOtp, openSession, readSession } from './sessions.ts';
import { actorOf, loadDemoUser } from './user.ts';

const credentials = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(200),
});
const otpInput = z.object({ code: z.string().trim().max(12) });

/** Where the tenant of an auth event is kept for the capture middleware's tenant resolver. */
export const AUTH_TENANT = 'authTenant';

/**
 * `/api/auth`: sign in with e-mail and password (scrypt), an optional one-time code printed to the
 * server's console, sign out, and who am I. Every step is recorded through `req.activity`
 * (`auth.login`, `auth.login_failed`, `auth.otp_*`, `auth.logout`).
 */
export function authRouter(db: Collections, { log }: { log: (line: string) => void }): Router {
  const router = Router();

  router.post('/login', async (req: Request, res: Response) => {
    req.activity.skip();
    const parsed = credentials.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'Enter your e-mail and password.' });
      return;
    }
    const { email, password } = parsed.data;
    const user = await db.users.findOne({ email });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    res.locals[AUTH_TENANT] = user?.tenantId ?? PLATFORM_TENANT;
    if (!user || !ok) {
      req.activity.login({
        success: false,
        identifier: email,
        reason: user ? 'bad_password' : 'unknown_user',
      });
      res.status(401).json({ error: 'Wrong e-mail or password.' });
      return;
    }
    const demoUser = await loadDemoUser(db, user);
    const { otpCode } = await openSession(db, { user, res });
    if (otpCode) {
      log(`One-time code for ${user.email}: ${otpCode}`);
      req.activity.otp('requested', { identifier: email, actor: actorOf(demoUser) });
      res.json({ otpRequired: true });
      return;
    }
    req.user = demoUser;
    req.activity.login({ success: true, identifier: email, actor: actorOf(demoUser) });
    res.json({ user: demoUser });
  });

  router.post('/otp', async (req: Request, res: Response) => {
    req.activity.skip();
    const found = await readSession(db, req);
    const parsed = otpInput.safeParse(req.body);
    if (!found?.session.otp || !parsed.success) {
      res.status(400).json({ error: 'Sign in with your password first.' });
      return;
    }
    const demoUser = await loadDemoUser(db, found.user);
    res.locals[AUTH_TENANT] = demoUser.tenantId;
    const result = await confirmOtp(db, { session: found.session, code: parsed.data.code });
    if (result !== 'ok') {
      req.activity.otp('failed', { identifier: demoUser.email });
      res.status(401).json({
        error: result === 'wrong' ? 'That code is not right.' : 'The code expired; sign in again.',
      });
      return;
    }
    req.user = demoUser;
    req.activity.otp('verified', { actor: actorOf(demoUser) });
    req.activity.login({ success: true, identifier: demoUser.email, actor: actorOf(demoUser) });
    res.json({ user: demoUser });
  });

  router.post('/logout', async (req: Request, res: Response) => {
    req.activity.skip();
    if (req.user) req.activity.logout({ actor: actorOf(req.user) });
    await closeSession(db, { req, res });
    res.status(204).end();
  });

  router.get('/me', async (req: Request, res: Response) => {
    if (req.user) {
      res.json({ user: req.user });
      return;
    }
    const found = await readSession(db, req);
    res.json({ user: null, otpPending: Boolean(found?.session.otp) });
  });

  return router;
}

/** Loads the signed-in user of every request into `req.user` (sessions still waiting for the code do not count). */
export function sessionMiddleware(db: Collections) {
  return async (req: Request, _res: Response, next: (error?: unknown) => void) => {
    try {
      const found = await readSession(db, req);
      if (found && !found.session.otp) req.user = await loadDemoUser(db, found.user);
      next();
    } catch (error) {
      next(error);
    }
  };
}
