import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a delivery's timestamp may be from now (Standard Webhooks' usual tolerance). */
const TOLERANCE_S = 5 * 60;

/**
 * Checks a Standard Webhooks delivery as a receiver does: some `v1,` signature of the header is
 * the HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>` under one of `secrets` (`whsec_…`),
 * and the timestamp is within five minutes. Why not, when it fails.
 */
export function verifyWebhook(input: {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  secrets: readonly string[];
  now?: Date;
}): { verified: true } | { verified: false; reason: string } {
  const header = (name: string) => {
    const value = input.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const id = header('webhook-id');
  const timestamp = header('webhook-timestamp');
  const signature = header('webhook-signature');
  if (!id || !timestamp || !signature) return { verified: false, reason: 'missing headers' };
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > TOLERANCE_S) {
    return { verified: false, reason: 'timestamp too old or in the future' };
  }
  if (input.secrets.length === 0) return { verified: false, reason: 'no secret registered' };
  const given = signature
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .map((part) => Buffer.from(part.slice(3), 'base64'));
  for (const secret of input.secrets) {
    const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
      .update(`${id}.${timestamp}.${input.body}`)
      .digest();
    if (given.some((sig) => sig.length === expected.length && timingSafeEqual(sig, expected))) {
      return { verified: true };
    }
  }
  return { verified: false, reason: 'no signature matches a registered secret' };
}
