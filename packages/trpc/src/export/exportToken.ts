import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ExportFormat } from '@activitykit/core';
import type { ActivityQueryInput, ActivityScope, Actor, Locale } from '@activitykit/schema';

/** What a signed export link carries: the export, and the scope it was authorized for. */
export interface ExportGrant {
  format: ExportFormat;
  query: ActivityQueryInput;
  scope: ActivityScope;
  /** Who asked for the link: the download is recorded as their export. */
  actor?: Actor;
  locale?: Locale;
  /** Expiry, in ms since the epoch. */
  expiresAt: number;
}

/** Why a link was refused. */
export type ExportTokenProblem = 'malformed' | 'signature' | 'expired';

/** Checks that a link secret is long enough to sign with. */
export function checkSecret(secret: unknown, where: string): string {
  if (typeof secret !== 'string' || Buffer.byteLength(secret) < 32) {
    throw new TypeError(
      `${where} needs a secret of at least 32 bytes to sign export links, e.g. ` +
        '`openssl rand -base64 48`; keep it out of the repository.',
    );
  }
  return secret;
}

const sign = (payload: string, secret: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url');

/** A URL-safe token for an export grant: `<payload>.<HMAC-SHA256>`. */
export function signExportToken(grant: ExportGrant, secret: string): string {
  const payload = Buffer.from(JSON.stringify(grant), 'utf8').toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** Reads and checks a token: the grant, or why it is refused. */
export function verifyExportToken(
  token: string,
  secret: string,
  now: number,
): { grant: ExportGrant } | { problem: ExportTokenProblem } {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { problem: 'malformed' };
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { problem: 'signature' };
  }
  let grant: ExportGrant;
  try {
    grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ExportGrant;
  } catch {
    return { problem: 'malformed' };
  }
  if (typeof grant?.expiresAt !== 'number' || grant.expiresAt <= now) return { problem: 'expired' };
  return { grant };
}
