import {
  type ActivityScope,
  actorSchema,
  EVENT_KINDS,
  parseRefKey,
  refKey,
} from '@activitykit/schema';
import { z } from 'zod';

/** What a viewer token lets its bearer do: read the log (pages, timeline, live) and export it. */
export const VIEWER_PERMISSIONS = ['read', 'export'] as const;
/** One of {@link VIEWER_PERMISSIONS}. */
export type ViewerPermission = (typeof VIEWER_PERMISSIONS)[number];

/** What a viewer token grants, on an `ActivityAccess` (its `viewer`). */
export interface ViewerGrant {
  tokenId: string;
  can: ViewerPermission[];
  expiresAt: Date;
  /** Events are shown without where they came from (`redact`). */
  redact?: boolean;
}

const refKeyText = z
  .string()
  .max(301)
  .refine(
    (key) => parseRefKey(key) !== undefined,
    'expected a record as type:id, e.g. customer:42',
  );

/**
 * The claims a viewer token carries, in short keys (the token rides in a header): its id, tenant,
 * records, actor roles, kinds, permissions, the actor it was minted for, and when it was issued and
 * expires (seconds since the epoch).
 */
export const viewerClaimsSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  t: z.string().min(1).max(200),
  r: z.array(refKeyText).min(1).max(50).optional(),
  ro: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
  k: z.array(z.enum(EVENT_KINDS)).min(1).max(EVENT_KINDS.length).optional(),
  c: z.array(z.enum(VIEWER_PERMISSIONS)).min(1).max(2),
  /** Outsider's view: events without where they came from (see `viewerEvent`). */
  o: z.literal(1).optional(),
  a: actorSchema.pick({ id: true, type: true, role: true, name: true }).strict(),
  iat: z.number().int().nonnegative(),
  exp: z.number().int().positive(),
});
/** The claims of a viewer token. */
export type ViewerClaims = z.infer<typeof viewerClaimsSchema>;

/** The read-only scope a token's claims grant. */
export function scopeOfClaims(claims: ViewerClaims): ActivityScope {
  const scope: ActivityScope = {
    tenants: [claims.t],
    roles: claims.ro ?? '*',
    canDelete: false,
    canRestore: false,
    canNote: false,
  };
  if (claims.r) scope.refs = claims.r;
  if (claims.k) scope.kinds = claims.k;
  return scope;
}

/** A record as a ref key (`customer:42` stays as it is; `{ type, id }` becomes one). */
export function toRefKey(ref: string | { type: string; id: string }): string {
  return typeof ref === 'string' ? ref : refKey(ref);
}
