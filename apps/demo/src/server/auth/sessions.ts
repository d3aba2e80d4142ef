import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Collections, SessionDoc, UserDoc } from '../domain/model.ts';

/** The session cookie's name. */
export const SESSION_COOKIE = 'demo_sid';
const SESSION_DAYS = 7;
const OTP_MINUTES = 5;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The value of one cookie of a request (no cookie-parser needed). */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Starts a session for `user`, with a pending one-time code when the account asks for one. */
export async function openSession(
  db: Collections,
  { user, res }: { user: UserDoc; res: Response },
): Promise<{ otpCode?: string }> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const otpCode = user.otp ? String(randomInt(0, 1_000_000)).padStart(6, '0') : undefined;
  const session: SessionDoc = {
    _id: sha256(token),
    userId: user._id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000),
    ...(otpCode && {
      otp: {
        codeHash: sha256(otpCode),
        expiresAt: new Date(now.getTime() + OTP_MINUTES * 60_000),
        attempts: 0,
      },
    }),
  };
  await db.sessions.insertOne(session);
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: SESSION_DAYS * 86_400_000,
  });
  return { otpCode };
}

/** The session and user of a request's cookie, if it is valid and not expired. */
export async function readSession(
  db: Collections,
  req: Request,
): Promise<{ session: SessionDoc; user: UserDoc } | undefined> {
  const token = readCookie(req, SESSION_COOKIE);
  if (!token) return undefined;
  const session = await db.sessions.findOne({ _id: sha256(token) });
  if (!session || session.expiresAt < new Date()) return undefined;
  const user = await db.users.findOne({ _id: session.userId });
  return user ? { session, user } : undefined;
}

/** Checks a one-time code; on success the session becomes a full one. */
export async function confirmOtp(
  db: Collections,
  { session, code }: { session: SessionDoc; code: string },
): Promise<'ok' | 'wrong' | 'expired'> {
  const otp = session.otp;
  if (!otp) return 'ok';
  if (otp.expiresAt < new Date() || otp.attempts >= 5) return 'expired';
  if (sha256(code.trim()) !== otp.codeHash) {
    await db.sessions.updateOne(
      { _id: session._id },
      { $set: { 'otp.attempts': otp.attempts + 1 } },
    );
    return 'wrong';
  }
  await db.sessions.updateOne({ _id: session._id }, { $unset: { otp: '' } });
  return 'ok';
}

/** Ends the request's session and clears the cookie. */
export async function closeSession(
  db: Collections,
  { req, res }: { req: Request; res: Response },
): Promise<void> {
  const token = readCookie(req, SESSION_COOKIE);
  if (token) await db.sessions.deleteOne({ _id: sha256(token) });
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}
