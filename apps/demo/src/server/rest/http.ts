import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import type { DemoUser } from '../auth/user.ts';
import type { Role } from '../domain/model.ts';

/** The roles that run the business (everyone but customers). */
export const STAFF = ['admin', 'partner', 'staff'] as const;

/** An error with an HTTP status, answered as `{ error }` JSON by {@link errorHandler}. */
export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** The signed-in user, or a 401 / 403 unless their role is one of `roles`. */
export function requireUser(req: Request, roles: readonly Role[]): DemoUser {
  if (!req.user) throw new HttpError(401, 'Sign in first.');
  if (!roles.includes(req.user.role)) throw new HttpError(403, 'Your role may not do this.');
  return req.user;
}

/** The parsed body, or a 400 naming the first problem. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Keys of `res.locals` the capture middleware's resolvers read. */
export const LOCALS = { tenant: 'activityTenant', location: 'activityLocation' } as const;

/** Records the request's event under the record's business and venue (an admin acts for any). */
export function recordUnder(res: Response, record: { tenantId: string; location?: string }): void {
  res.locals[LOCALS.tenant] = record.tenantId;
  if (record.location) res.locals[LOCALS.location] = record.location;
}

/** Answers errors as JSON: the status of an {@link HttpError}, else 500. */
// biome-ignore lint/complexity/useMaxParams: Express tells error handlers by their four parameters.
export function errorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction) {
  if (error instanceof HttpError) {
    res.status(error.status).json({ error: error.message });
    return;
  }
  process.stderr.write(
    `[demo] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  res.status(500).json({ error: 'Something went wrong on the server.' });
}
