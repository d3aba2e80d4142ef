import { activityFilterSchema } from '@activitykit/schema';
import { z } from 'zod';

/** The payload versions a destination can ask for; `1` is the only one so far. */
export const STREAM_FORMAT_VERSIONS = [1] as const;

/** Where a webhook stream posts: `https://…`, or `http://` to a loopback host only. */
const webhookUrl = z
  .url({ protocol: /^https?$/, error: 'an absolute http(s) URL' })
  .max(2000)
  .refine(
    (url) => {
      const parsed = new URL(url);
      return parsed.protocol === 'https:' || LOOPBACK.has(parsed.hostname);
    },
    { error: 'use https:// (plain http:// only for localhost / 127.0.0.1 / [::1])' },
  )
  // fetch refuses such a URL, and the stream's view and audit events would show it: the
  // signature (`webhook-signature`) is how a receiver knows the sender.
  .refine((url) => !new URL(url).username && !new URL(url).password, {
    error: 'a URL without a user name or password (receivers check the webhook signature)',
  });
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A webhook destination, signed per the Standard Webhooks spec. */
export const webhookDestinationSchema = z.strictObject({
  type: z.literal('webhook'),
  url: webhookUrl,
});

/** A syslog (RFC 5424) destination over TCP, optionally TLS, with octet-counting framing. */
export const syslogDestinationSchema = z.strictObject({
  type: z.literal('syslog'),
  host: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or IP address'),
  port: z.number().int().min(1).max(65_535),
  /** Connect over TLS. Defaults to `false`. */
  tls: z.boolean().default(false),
  /** PEM certificates to trust for TLS (a private CA). Defaults to Node's trusted CAs. */
  ca: z
    .string()
    .max(20_000)
    .regex(/-----BEGIN CERTIFICATE-----/, 'PEM certificates')
    .optional(),
  /** Syslog facility (0–23). Defaults to `13` (log audit). */
  facility: z.number().int().min(0).max(23).default(13),
  /** APP-NAME of each message. Defaults to `activitykit`. */
  appName: z
    .string()
    .regex(/^[!-~]{1,48}$/, '1 to 48 printable ASCII characters')
    .default('activitykit'),
});

/** Where a stream delivers. */
export const streamDestinationSchema = z.discriminatedUnion('type', [
  webhookDestinationSchema,
  syslogDestinationSchema,
]);

/** Which events a stream sends: the query model's filter and its search syntax (`q`). */
export const streamFilterSchema = activityFilterSchema
  .omit({ preset: true, ids: true })
  .extend({ q: z.string().max(1000).optional() });

/** A new stream of a tenant's events. */
export const createStreamInputSchema = z.strictObject({
  tenantId: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(100),
  destination: streamDestinationSchema,
  /** Which events to send. Defaults to every event of the tenant. */
  filter: streamFilterSchema.default({}),
  /** The payload version. Defaults to `1`. */
  formatVersion: z.literal(STREAM_FORMAT_VERSIONS).default(1),
  /** Send events recorded from now on (`'now'`) or the tenant's whole history. Defaults to `'now'`. */
  startAt: z.enum(['now', 'beginning']).default('now'),
});

/** What an update may change (the destination's type stays). */
export const updateStreamInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  destination: streamDestinationSchema.optional(),
  filter: streamFilterSchema.optional(),
  formatVersion: z.literal(STREAM_FORMAT_VERSIONS).optional(),
});

/** A stream's id. */
export const streamIdSchema = z.string().regex(/^ls_[A-Za-z0-9]{16,40}$/, 'a stream id (ls_…)');

export type StreamDestination = z.infer<typeof streamDestinationSchema>;
export type StreamDestinationInput = z.input<typeof streamDestinationSchema>;
export type StreamFilter = z.infer<typeof streamFilterSchema>;
export type CreateStreamInput = z.input<typeof createStreamInputSchema>;
export type UpdateStreamInput = z.input<typeof updateStreamInputSchema>;
