import { createHmac } from 'node:crypto';

/** The Standard Webhooks headers of one delivery. */
export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  /** `v1,<signature>` per valid secret, space-separated (two while a secret is rotated). */
  'webhook-signature': string;
}

/**
 * Signs a body per the Standard Webhooks spec: `v1,` and the base64 HMAC-SHA256 of
 * `<id>.<timestamp>.<body>` with each secret (`whsec_…`, its base64 part is the key).
 *
 * @example
 * ```ts
 * signWebhook({ id: 'msg_1', timestamp: 1767225600, body: '{}', secrets: ['whsec_…'] });
 * // { 'webhook-id': 'msg_1', 'webhook-timestamp': '1767225600', 'webhook-signature': 'v1,K5o…' }
 * ```
 */
export function signWebhook(input: {
  id: string;
  timestamp: number;
  body: string;
  secrets: readonly string[];
}): WebhookHeaders {
  const signed = `${input.id}.${input.timestamp}.${input.body}`;
  const signatures = input.secrets.map(
    (secret) =>
      `v1,${createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
        .update(signed)
        .digest('base64')}`,
  );
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': signatures.join(' '),
  };
}

/** A delivery the destination did not take. */
export class DeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}

/**
 * POSTs one signed JSON body; resolves on a 2xx answer, else rejects with a {@link DeliveryError}
 * naming the status (or the network failure, or the timeout).
 */
export async function postWebhook(input: {
  url: string;
  id: string;
  body: string;
  secrets: readonly string[];
  timeoutMs: number;
  now: Date;
}): Promise<void> {
  const headers = signWebhook({
    id: input.id,
    timestamp: Math.floor(input.now.getTime() / 1000),
    body: input.body,
    secrets: input.secrets,
  });
  let response: Response;
  try {
    response = await fetch(input.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'activitykit', ...headers },
      body: input.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs),
    });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${input.timeoutMs} ms`
        : describeNetworkError(error);
    throw new DeliveryError(`Webhook ${redactUrl(input.url)}: ${reason}.`, { cause: error });
  }
  await drain(response);
  if (!response.ok) {
    throw new DeliveryError(`Webhook ${redactUrl(input.url)} answered ${response.status}.`);
  }
}

/** The most of an answer's body read (and dropped); the rest is not waited for. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Reads a short answer to its end so the connection can be reused, and hangs up on a long (or
 * endless) one: only the status counts, and a receiver must not hold the sender or its memory.
 */
async function drain(response: Response): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
      if (read > MAX_ANSWER_BYTES) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // A body cut short (a reset, the timeout) does not undo the status.
  }
}

function describeNetworkError(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string }) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** The URL without its query string or credentials, for messages. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}
