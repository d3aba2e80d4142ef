import { createHmac, randomBytes } from 'node:crypto';
import { ADMIN_SCOPE } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { ActivityError, createActivityStore } from '../index.ts';
import { createTestStore } from '../test/storeFixture.ts';

const testDb = await createTestDb('viewer_tokens');
const secret = randomBytes(32).toString('base64url');
let now = new Date();
const { store, events } = await createTestStore(testDb, {
  viewerTokens: { secret, previousSecrets: [] },
  clock: () => now,
});
const other = await createTestStore(testDb, {
  viewerTokens: { secret: randomBytes(32).toString('base64url') },
});

const staff = { id: 'u-sam', type: 'user', role: 'staff', name: 'Sam' } as const;
const owner = { id: 'u-pat', type: 'user', role: 'partner', name: 'Pat' } as const;
for (const [tenantId, id, actor] of [
  ['acme', 'A', staff],
  ['acme', 'A', owner],
  ['acme', 'B', staff],
  ['zeta', 'A', staff],
] as const) {
  await store.record(
    { tenantId, action: 'customer.updated', actor, subject: { type: 'customer', id } },
    { durable: true },
  );
}

const mint = (input: Partial<Parameters<typeof store.createViewerToken>[0]> = {}) =>
  store.createViewerToken({
    tenantId: 'acme',
    refs: ['customer:A'],
    can: ['read'],
    ttl: 600,
    within: { tenants: ['acme'] },
    ...input,
  });

async function refusal(run: () => unknown): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ActivityError) return error.code;
    throw error;
  }
  return undefined;
}

const subjects = (items: { tenantId: string; subject?: { id: string } }[]) =>
  items.map((event) => `${event.tenantId}/${event.subject?.id}`).sort();

describe('viewer tokens', () => {
  it('refuses a missing or weak secret with INVALID_KEY', async () => {
    const weak = (secret: string) => () =>
      createActivityStore({ uri: testDb.uri, viewerTokens: { secret } });
    expect(await refusal(weak('short'))).toBe('INVALID_KEY');
    expect(await refusal(weak('a'.repeat(64)))).toBe('INVALID_KEY');
    const without = await createTestStore(testDb);
    expect(
      await refusal(() => without.store.createViewerToken({ ...mintInput(), within: ADMIN_SCOPE })),
    ).toBe('INVALID_KEY');
    expect(await refusal(() => without.store.verifyViewerToken(mint().token))).toBe('INVALID_KEY');
  });

  it('shows only the events of its records in its tenant, by list, id, cursor, stream and stats', async () => {
    const { token, scope } = mint();
    expect(scope).toMatchObject({ tenants: ['acme'], refs: ['customer:A'], canDelete: false });
    const access = await store.verifyViewerToken(token);
    expect(subjects((await store.list({}, access.scope)).items)).toEqual(['acme/A', 'acme/A']);
    const all = (await store.list({}, ADMIN_SCOPE)).items;
    const b = all.find((event) => event.subject?.id === 'B');
    const zeta = all.find((event) => event.tenantId === 'zeta');
    expect(await refusal(() => store.get(b?.id as string, access.scope))).toBe('NOT_FOUND');
    expect(await refusal(() => store.get(zeta?.id as string, access.scope))).toBe('NOT_FOUND');
    const timeline = await store.timeline({ type: 'customer', id: 'B' }, {}, access.scope);
    expect(timeline.items).toEqual([]);
    const first = await store.list({ limit: 1 }, access.scope);
    const next = await store.list({ limit: 1, cursor: first.nextCursor as string }, access.scope);
    expect(subjects([...first.items, ...next.items])).toEqual(['acme/A', 'acme/A']);
    expect(next.nextCursor).toBeUndefined();
    const streamed = [];
    for await (const event of store.stream({}, access.scope)) streamed.push(event);
    expect(subjects(streamed)).toEqual(['acme/A', 'acme/A']);
    const stats = await store.stats(
      { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + 86_400_000) },
      access.scope,
    );
    expect(stats.total).toBe(2);
  });

  it('narrows by actor role, and never beyond the minter’s scope', async () => {
    const staffOnly = await store.verifyViewerToken(mint({ actorRoles: ['staff'] }).token);
    expect((await store.list({}, staffOnly.scope)).items.map((e) => e.actor.id)).toEqual(['u-sam']);
    // The minter sees only staff events: asking for every role still gets staff only.
    const narrowed = mint({ within: { tenants: ['acme'], roles: ['staff', 'customer'] } });
    expect(narrowed.scope.roles).toEqual(['staff', 'customer']);
    expect(
      mint({ within: { tenants: ['acme'], roles: ['staff'] }, actorRoles: ['partner', 'staff'] })
        .scope.roles,
    ).toEqual(['staff']);
    // Records: a minter limited to customer A cannot mint a token for B, nor one for all records.
    const limited = { tenants: ['acme'], refs: ['customer:A'] };
    expect(mint({ within: limited, refs: undefined }).scope.refs).toEqual(['customer:A']);
    expect(await refusal(() => mint({ within: limited, refs: ['customer:B'] }))).toBe('FORBIDDEN');
    expect(await refusal(() => mint({ within: { tenants: ['zeta'] } }))).toBe('FORBIDDEN');
    expect(
      await refusal(() =>
        mint({ within: { tenants: ['acme'], roles: ['staff'] }, actorRoles: ['partner'] }),
      ),
    ).toBe('FORBIDDEN');
    expect(mint({ can: ['read', 'export'] }).can).toEqual(['read', 'export']);
    // Kinds: a token without notes sees no note, and a minter without notes cannot mint one with.
    await store.addNote(
      { ref: { type: 'customer', id: 'A' }, body: 'Internal', author: owner, tenantId: 'acme' },
      { tenants: ['acme'], canNote: true },
    );
    const noNotes = mint({ kinds: ['create', 'update', 'delete'] });
    const visible = (await store.list({}, noNotes.scope)).items.map((e) => e.kind);
    expect(visible).toEqual(['update', 'update']);
    const withNotes = (await store.list({}, mint().scope)).items.map((e) => e.kind);
    expect(withNotes).toContain('note');
    const noteless = { tenants: ['acme'], kinds: ['update' as const] };
    expect(mint({ within: noteless, kinds: ['note', 'update'] }).scope.kinds).toEqual(['update']);
    expect(await refusal(() => mint({ within: noteless, kinds: ['note'] }))).toBe('FORBIDDEN');
    expect(await refusal(() => mint({ ttl: 3601 }))).toBe('INVALID_OPTIONS');
    expect(await refusal(() => mint({ ttl: 0 }))).toBe('INVALID_OPTIONS');
  });

  it('refuses an expired token', async () => {
    const { token } = mint({ ttl: 60 });
    await store.verifyViewerToken(token);
    const minted = now;
    now = new Date(minted.getTime() + 60_000);
    try {
      expect(await refusal(() => store.verifyViewerToken(token))).toBe('TOKEN_EXPIRED');
    } finally {
      now = minted;
    }
  });

  it('refuses a token with any bit flipped, or signed with another key', async () => {
    const { token } = mint();
    const codes = new Set<string | undefined>();
    for (let i = 0; i < token.length; i++) {
      const flipped =
        token.slice(0, i) + String.fromCharCode(token.charCodeAt(i) ^ 1) + token.slice(i + 1);
      codes.add(await refusal(() => store.verifyViewerToken(flipped)));
    }
    expect([...codes]).toEqual(['INVALID_TOKEN']);
    const foreign = other.store.createViewerToken({ ...mintInput(), within: ADMIN_SCOPE }).token;
    expect(await refusal(() => store.verifyViewerToken(foreign))).toBe('INVALID_TOKEN');
  });

  it('lets no token choose its algorithm', async () => {
    const { token } = mint();
    const [, claims] = token.split('.') as [string, string, string];
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const payload = Buffer.from(claims, 'base64url').toString();
    const jwtBody = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(JSON.parse(payload))}`;
    const forged = [
      `${jwtBody}.`, // alg: none
      `${b64({ alg: 'HS256', typ: 'JWT' })}.${claims}.${createHmac('sha256', secret)
        .update(`${b64({ alg: 'HS256' })}.${claims}`)
        .digest('base64url')}`,
      `akv1.${claims}.`, // no signature
      `akv1.${claims}`, // two parts
      `akv0.${claims}.${token.split('.')[2]}`, // another version
      // HMAC-SHA512 and a MAC keyed with the raw secret (no key derivation): both refused.
      `akv1.${claims}.${createHmac('sha512', secret).update(`akv1.${claims}`).digest('base64url')}`,
      `akv1.${claims}.${createHmac('sha256', secret).update(`akv1.${claims}`).digest('base64url')}`,
      `${token}.extra`,
      `${token}=`,
    ];
    for (const candidate of forged) {
      expect(await refusal(() => store.verifyViewerToken(candidate)), candidate).toBe(
        'INVALID_TOKEN',
      );
    }
  });

  it('refuses a revoked token in every store on the database, and keeps the revocation until expiry', async () => {
    const { token, id, expiresAt } = mint();
    // Another process on the same collection.
    const second = await createTestStore(testDb, {
      viewerTokens: { secret },
      collection: events().collectionName,
    });
    await second.store.verifyViewerToken(token);
    await store.revokeViewerToken(token);
    expect(await refusal(() => second.store.verifyViewerToken(token))).toBe('TOKEN_REVOKED');
    const revocations = testDb.db.collection(`${events().collectionName}_viewer_revocations`);
    expect(await revocations.findOne({ _id: id as never })).toMatchObject({
      tenantId: 'acme',
      expiresAt,
    });
    const byId = mint();
    await store.revokeViewerToken(byId.id);
    expect(await refusal(() => store.verifyViewerToken(byId.token))).toBe('TOKEN_REVOKED');
    expect(await refusal(() => store.revokeViewerToken('not a token'))).toBe('INVALID_TOKEN');
  });

  it('accepts tokens of a previous secret while they live (rotation)', async () => {
    const rotated = await createTestStore(testDb, {
      viewerTokens: { secret: randomBytes(32).toString('base64url'), previousSecrets: [secret] },
    });
    const access = await rotated.store.verifyViewerToken(mint().token);
    expect(access.viewer.can).toEqual(['read']);
  });
});

function mintInput() {
  return { tenantId: 'acme', refs: ['customer:A'], can: ['read'] as const, ttl: 600 };
}
