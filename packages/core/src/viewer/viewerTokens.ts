/**
 * Viewer tokens: short-lived, signed, read-only grants to a part of one tenant's log, for pages the
 * app's own session does not reach (a customer portal, a partner's site). See `tokenCodec.ts` for
 * the wire form; revocations are kept in MongoDB until the token would have expired anyway.
 */
import { randomBytes } from 'node:crypto';
import type { ActivityScope, ActivityScopeInput, Actor, EventKind } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import type { ActivityAccess } from '../access.ts';
import { ActivityError } from '../errors.ts';
import { parseScope } from '../query/readInputs.ts';
import type { ServerProfile } from '../query/server.ts';
import { narrowScope } from './narrowScope.ts';
import { deriveTokenKey, openToken, signToken, type ViewerTokenSecret } from './tokenCodec.ts';
import {
  scopeOfClaims,
  toRefKey,
  type ViewerClaims,
  type ViewerGrant,
  type ViewerPermission,
  viewerClaimsSchema,
} from './viewerClaims.ts';

/** The `viewerTokens` option of `createActivityStore`. */
export interface ViewerTokenOptions {
  /**
   * The secret tokens are signed with: at least 32 random bytes (e.g.
   * `randomBytes(32).toString('base64url')`), the same in every API process. A missing or weak one
   * is refused with `INVALID_KEY`. There is no default.
   */
  secret: ViewerTokenSecret;
  /** Earlier secrets still accepted while their tokens live out (rotation). Defaults to `[]`. */
  previousSecrets?: readonly ViewerTokenSecret[];
  /** The longest `ttl` a token may be minted with, in seconds. Defaults to `3600` (an hour). */
  maxTtl?: number;
}

/** What `store.createViewerToken` takes. */
export interface CreateViewerTokenInput {
  /** The one tenant whose log the token shows. */
  tenantId: string;
  /** Only events about these records (`'customer:42'` or `{ type, id }`). Defaults to every record. */
  refs?: readonly (string | { type: string; id: string })[];
  /** Only events by actors of these roles (and the system's). Defaults to every role. */
  actorRoles?: readonly string[];
  /** Only events of these kinds (e.g. no `note`s for a customer). Defaults to every kind. */
  kinds?: readonly EventKind[];
  /** What the bearer may do: `'read'` (pages, timeline, live, stats) and/or `'export'`. */
  can: readonly ViewerPermission[];
  /** How long the token lives, in seconds (at most `maxTtl`). */
  ttl: number;
  /**
   * Show events as an outsider may see them: without their request context (IP, user agent,
   * request ids, location), actors' e-mails, snapshots and metadata (see `viewerEvent`). Defaults
   * to `false`.
   */
  redact?: boolean;
  /**
   * The scope of whoever mints it (the signed-in caller's, from `authorize`): the token gets the
   * part of it the other fields name, never more (`FORBIDDEN` when nothing is left).
   */
  within: ActivityScopeInput;
  /**
   * Who the token is for, as its views and exports are recorded (`{ id: 'c-42', type: 'user',
   * role: 'customer', name: 'Bob' }`). Defaults to `{ id: 'viewer:<token id>', type: 'api_key' }`.
   */
  actor?: Pick<Actor, 'id' | 'type' | 'role' | 'name'>;
}

/** A minted viewer token. */
export interface ViewerToken {
  /** The bearer token (`Authorization: Bearer <token>`). */
  token: string;
  /** Its id, for `revokeViewerToken` and in the access events it causes. */
  id: string;
  expiresAt: Date;
  /** What it may see (the minter's scope narrowed). */
  scope: ActivityScope;
  can: ViewerPermission[];
}

/** An access that came from a viewer token. */
export interface ViewerAccess extends ActivityAccess {
  viewer: ViewerGrant;
}

/** A revoked token, kept until it would have expired. */
interface RevocationDocument {
  _id: string;
  tenantId: string;
  expiresAt: Date;
  revokedAt: Date;
}

/** The token side of the store. */
export interface ViewerTokens {
  create(input: CreateViewerTokenInput): ViewerToken;
  verify(token: string): Promise<ViewerAccess>;
  revoke(tokenOrId: string): Promise<void>;
}

const DEFAULT_MAX_TTL = 3600;
/** A token issued this far in the future (clock skew between processes) is still believed. */
const SKEW_SECONDS = 60;

/** Creates the store's token side; throws `INVALID_KEY` now for a weak secret. */
export function createViewerTokens(deps: {
  options: ViewerTokenOptions | undefined;
  revocations: Collection<RevocationDocument>;
  profile: () => Promise<ServerProfile>;
  clock: () => Date;
}): ViewerTokens {
  const { options, revocations, clock } = deps;
  const keys = options
    ? [options.secret, ...(options.previousSecrets ?? [])].map(deriveTokenKey)
    : undefined;
  const maxTtl = options?.maxTtl ?? DEFAULT_MAX_TTL;
  const signingKeys = () => {
    if (keys) return keys;
    throw new ActivityError(
      'INVALID_KEY',
      'Viewer tokens are not set up: pass viewerTokens: { secret } to createActivityStore.',
    );
  };
  let indexed: Promise<void> | undefined;
  const ensureTtlIndex = () => {
    indexed ??= deps.profile().then(async (profile) => {
      // FerretDB 1.24 has no TTL indexes: revoke() sweeps the expired revocations itself.
      if (profile === 'mongodb') {
        await revocations.createIndex(
          { expiresAt: 1 },
          { name: 'revocation_ttl', expireAfterSeconds: 0 },
        );
      }
    });
    return indexed.catch((error: unknown) => {
      indexed = undefined;
      throw error;
    });
  };

  /** Checks signature, claims and expiry (not revocation). */
  const open = (token: string, options: { expired: 'refuse' | 'allow' }): ViewerClaims => {
    const parsed = viewerClaimsSchema.safeParse(openToken(token, signingKeys()));
    if (!parsed.success) {
      throw new ActivityError('INVALID_TOKEN', 'The viewer token’s claims are malformed.', {
        cause: parsed.error,
      });
    }
    const claims = parsed.data;
    const now = clock().getTime() / 1000;
    if (claims.iat > now + SKEW_SECONDS || claims.exp <= claims.iat) {
      throw new ActivityError('INVALID_TOKEN', 'The viewer token’s times are not believable.');
    }
    if (options.expired === 'refuse' && claims.exp <= now) {
      throw new ActivityError(
        'TOKEN_EXPIRED',
        'The viewer token has expired: ask the app for a new one.',
      );
    }
    return claims;
  };

  return {
    create(input) {
      const keys = signingKeys();
      if (!Number.isInteger(input?.ttl) || input.ttl < 1 || input.ttl > maxTtl) {
        throw new ActivityError(
          'INVALID_OPTIONS',
          `A viewer token's ttl is whole seconds from 1 to ${maxTtl} (maxTtl).`,
        );
      }
      const can = [...new Set(input.can ?? [])];
      const requested = parseScope({
        tenants: [input.tenantId],
        roles: input.actorRoles ? [...input.actorRoles] : '*',
        ...(input.refs && { refs: input.refs.map(toRefKey) }),
        ...(input.kinds && { kinds: [...input.kinds] }),
      });
      const scope = narrowScope(parseScope(input.within), requested);
      if (
        scope.tenants.length === 0 ||
        scope.roles.length === 0 ||
        scope.refs?.length === 0 ||
        scope.kinds?.length === 0
      ) {
        throw new ActivityError(
          'FORBIDDEN',
          `The minting scope does not cover what the token asks for (tenant "${input.tenantId}", its records, roles and kinds).`,
        );
      }
      const id = randomBytes(16).toString('base64url');
      const iat = Math.floor(clock().getTime() / 1000);
      const claims = viewerClaimsSchema.safeParse({
        id,
        t: input.tenantId,
        ...(scope.refs && { r: scope.refs }),
        ...(scope.roles !== '*' && { ro: scope.roles }),
        ...(scope.kinds && { k: scope.kinds }),
        c: can,
        a: input.actor ?? { id: `viewer:${id}`, type: 'api_key' },
        iat,
        exp: iat + input.ttl,
        ...(input.redact && { o: 1 }),
      });
      if (!claims.success) {
        throw new ActivityError('INVALID_OPTIONS', `A viewer token cannot be made of that input.`, {
          cause: claims.error,
        });
      }
      const first = keys[0] as Buffer;
      return {
        token: signToken(claims.data, first),
        id,
        expiresAt: new Date(claims.data.exp * 1000),
        scope: scopeOfClaims(claims.data),
        can: claims.data.c,
      };
    },

    async verify(token) {
      const claims = open(token, { expired: 'refuse' });
      if (await revocations.findOne({ _id: claims.id })) {
        throw new ActivityError(
          'TOKEN_REVOKED',
          'The viewer token was revoked: ask the app for a new one.',
        );
      }
      return {
        scope: scopeOfClaims(claims),
        actor: claims.a,
        viewer: {
          tokenId: claims.id,
          can: claims.c,
          expiresAt: new Date(claims.exp * 1000),
          ...(claims.o && { redact: true }),
        },
      };
    },

    async revoke(tokenOrId) {
      const now = clock();
      let revoked: RevocationDocument;
      if (typeof tokenOrId === 'string' && /^[A-Za-z0-9_-]{22}$/.test(tokenOrId)) {
        // An id alone: kept as long as any token minted until now could live.
        revoked = {
          _id: tokenOrId,
          tenantId: '',
          expiresAt: new Date(now.getTime() + maxTtl * 1000),
          revokedAt: now,
        };
      } else {
        const claims = open(tokenOrId, { expired: 'allow' });
        revoked = {
          _id: claims.id,
          tenantId: claims.t,
          expiresAt: new Date(claims.exp * 1000),
          revokedAt: now,
        };
      }
      await ensureTtlIndex();
      const { _id, ...fields } = revoked;
      await revocations.updateOne({ _id }, { $setOnInsert: fields }, { upsert: true });
      await revocations.deleteMany({ expiresAt: { $lt: now } });
    },
  };
}
