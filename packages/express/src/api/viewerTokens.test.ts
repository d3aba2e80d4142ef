import { randomBytes } from 'node:crypto';
import { createActivityStore } from '@activitykit/core';
import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb, flushedUntil } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { as, startApiApp } from '../test/apiApp.ts';
import { call } from '../test/fixture.ts';

// Viewer tokens over real HTTP: customer 40 of acme (events 0, 4, 8) against customer 41 and beta.
const testDb = await createTestDb('viewer_api');
const secret = randomBytes(32).toString('base64url');
const { base, store, acme, beta, collection } = await startApiApp(testDb, {
  store: { viewerTokens: { secret } },
  api: { viewerTokens: true, live: { pollIntervalMs: 100, heartbeatMs: 150 } },
});
const api = `${base}/api/activity`;
const events = testDb.db.collection<ActivityEvent & { _id: string }>(collection);
const customerA = { id: 'c-40', type: 'user', role: 'customer', name: 'Customer Forty' } as const;
const ofA = acme.filter((_, i) => i % 4 === 0).map((event) => event.id);
const ofB = acme.filter((_, i) => i % 4 === 1);

const mint = (input: Partial<Parameters<typeof store.createViewerToken>[0]> = {}) =>
  store.createViewerToken({
    tenantId: 'acme',
    refs: ['customer:40'],
    can: ['read'],
    ttl: 300,
    within: { tenants: ['acme'] },
    actor: customerA,
    ...input,
  }).token;
const bearer = (token: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${token}`,
  ...extra,
});
const ids = (body: { items: { id: string }[] }) => body.items.map((event) => event.id).sort();

async function refused(token: string, code: string) {
  const answer = await call(`${api}/`, { headers: bearer(token) });
  expect(answer.status).toBe(401);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status: 401, code });
}

describe('viewer tokens on the REST API', () => {
  it('reads only its record: list, page by page, and its own timeline', async () => {
    expect((await call(`${api}/`)).status).toBe(401);
    const token = mint();
    const list = await call(`${api}/`, { headers: bearer(token) });
    expect(list.status).toBe(200);
    expect(ids(list.body)).toEqual([...ofA].sort());
    const first = await call(`${api}/?limit=2`, { headers: bearer(token) });
    const next = await call(`${api}/?limit=2&cursor=${first.body.nextCursor}`, {
      headers: bearer(token),
    });
    expect([...ids(first.body), ...ids(next.body)].sort()).toEqual([...ofA].sort());
    const timeline = await call(`${api}/timeline?ref=customer:40`, { headers: bearer(token) });
    expect(ids(timeline.body)).toEqual([...ofA].sort());
    const scope = await call(`${api}/scope`, { headers: bearer(token) });
    expect(scope.body).toMatchObject({ tenants: ['acme'], canDelete: false, canNote: false });
  });

  it('refuses customer B and the other tenant by id, cursor, timeline and search', async () => {
    const headers = bearer(mint());
    for (const event of [...ofB, beta[0] as ActivityEvent]) {
      const one = await call(`${api}/${event.id}`, { headers });
      expect(one.status).toBe(404);
      expect(one.body.code).toBe('NOT_FOUND');
    }
    const timeline = await call(`${api}/timeline?ref=customer:41`, { headers });
    expect(timeline.body.items).toEqual([]);
    const searched = await call(`${api}/?q=${encodeURIComponent('"customer 1"')}&ref=customer:41`, {
      headers,
    });
    expect(searched.body.items).toEqual([]);
    // An administrator's cursor into the whole log still reads only customer 40 with the token.
    const adminPage = await call(`${api}/?limit=1`, { headers: as('admin') });
    const through = await call(`${api}/?cursor=${adminPage.body.nextCursor}`, { headers });
    expect(through.status).toBe(200);
    expect(ids(through.body).every((id) => ofA.includes(id))).toBe(true);
    expect((await call(`${api}/stats`, { headers })).body.total).toBe(3);
  });

  it('exports only with an export token, and only its record', async () => {
    const readOnly = await call(`${api}/export.ndjson`, { headers: bearer(mint()) });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.code).toBe('FORBIDDEN');
    const token = mint({ can: ['read', 'export'] });
    const all = await call(`${api}/export.ndjson`, { headers: bearer(token) });
    expect(all.status).toBe(200);
    const rows = all.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).id);
    expect(rows.sort()).toEqual([...ofA].sort());
    const selection = ofB.map((event) => `id=${event.id}`).join('&');
    const picked = await call(`${api}/export.csv?${selection}`, { headers: bearer(token) });
    expect(picked.text.trim().split('\r\n')).toHaveLength(1); // the header row only
  });

  it('streams live only its record’s new events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${api}/live`, {
      headers: bearer(mint()),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    for (const id of ['41', '40', 'b40']) {
      await store.record(
        {
          tenantId: id === 'b40' ? 'beta' : 'acme',
          action: 'customer.updated',
          subject: { type: 'customer', id },
          description: `live-${id}`,
        },
        { durable: true },
      );
    }
    await store.record(
      {
        tenantId: 'acme',
        action: 'customer.updated',
        subject: { type: 'customer', id: '40' },
        description: 'live-end',
      },
      { durable: true },
    );
    let text = '';
    while (!text.includes('live-end')) text += decoder.decode((await reader.read()).value);
    controller.abort();
    expect(text).toContain('live-40');
    expect(text).not.toContain('live-41');
    expect(text).not.toContain('live-b40');
  });

  it('shows events without where they came from through a redacting token', async () => {
    const full = await call(`${api}/timeline?ref=customer:40`, { headers: bearer(mint()) });
    expect(full.body.items.some((e: ActivityEvent) => e.context.ip === '10.0.0.7')).toBe(true);
    const token = mint({ redact: true, can: ['read', 'export'] });
    const redacted = await call(`${api}/timeline?ref=customer:40`, { headers: bearer(token) });
    expect(redacted.body.items.length).toBe(full.body.items.length);
    for (const event of redacted.body.items as ActivityEvent[]) {
      expect(event.context).toEqual({});
      expect([event.snapshot, event.metadata]).toEqual([undefined, undefined]);
      expect(event.actor.name).toBeDefined();
    }
    const one = await call(`${api}/${ofA[0]}`, { headers: bearer(token) });
    expect(one.body.context).toEqual({});
    const file = await call(`${api}/export.ndjson`, { headers: bearer(token) });
    expect(file.text).not.toContain('10.0.0.7');
  });

  it('ends a live stream once its token is revoked', async () => {
    const token = mint();
    const response = await fetch(`${api}/live`, { headers: bearer(token) });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // the retry line: the stream is open
    await store.revokeViewerToken(token);
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });

  it('answers a bad token with 401 problem+json: tampered, other key, alg games, expired, revoked', async () => {
    const token = mint();
    const flipped = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    await refused(flipped, 'INVALID_TOKEN');
    const strange = createActivityStore({
      uri: testDb.uri,
      dbName: testDb.db.databaseName,
      collection,
      viewerTokens: { secret: randomBytes(32).toString('base64url') },
      clock: () => new Date(Date.now() - 3_600_000),
    });
    try {
      const input = {
        tenantId: 'acme',
        can: ['read'] as const,
        ttl: 60,
        within: { tenants: ['acme'] },
      };
      await refused(strange.createViewerToken(input).token, 'INVALID_TOKEN');
      const past = createActivityStore({
        uri: testDb.uri,
        dbName: testDb.db.databaseName,
        collection,
        viewerTokens: { secret },
        clock: () => new Date(Date.now() - 3_600_000),
      });
      await refused(past.createViewerToken(input).token, 'TOKEN_EXPIRED');
      await past.close();
    } finally {
      await strange.close();
    }
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString());
    await refused(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`, 'INVALID_TOKEN');
    await refused(
      `${b64({ alg: 'HS256' })}.${b64({ ...claims, r: undefined })}.x`,
      'INVALID_TOKEN',
    );
    const revoked = mint();
    expect((await call(`${api}/`, { headers: bearer(revoked) })).status).toBe(200);
    await store.revokeViewerToken(revoked);
    await refused(revoked, 'TOKEN_REVOKED');
    const empty = await call(`${api}/`, { headers: { authorization: 'Bearer' } });
    expect(empty.body.code).toBe('INVALID_TOKEN');
  });

  it('never widens a session, and may not write, verify or read signals', async () => {
    // A staff-only session with a token for every role still sees staff events only.
    const staffView = await call(`${api}/`, {
      headers: bearer(mint({ refs: undefined }), as('staffOnly')),
    });
    expect(staffView.body.items.length).toBeGreaterThan(0);
    expect(staffView.body.items.every((e: ActivityEvent) => e.actor.role !== 'admin')).toBe(true);
    // A partner presenting a token for customer 40 sees customer 40 only.
    const partner = await call(`${api}/`, { headers: bearer(mint(), as('partner')) });
    expect(partner.body.items.length).toBeGreaterThanOrEqual(3);
    for (const event of partner.body.items as ActivityEvent[]) {
      expect([event.tenantId, event.refs.some((ref) => ref.id === '40')]).toEqual(['acme', true]);
    }
    const staffToken = await call(`${api}/`, {
      headers: bearer(mint({ actorRoles: ['staff'], refs: ['customer:41'] })),
    });
    const roles = new Set(staffToken.body.items.map((e: ActivityEvent) => e.actor.role));
    expect([...roles].filter((role) => role !== undefined)).toEqual(['staff']); // and no-role events
    const headers = bearer(mint({ can: ['read', 'export'] }));
    for (const [path, body] of [
      ['/notes', { ref: 'customer:40', body: 'hi' }],
      [`/${ofA[0]}/restore`, {}],
      ['/bulk-delete', { ids: ofA }],
      ['/verify', {}],
    ] as const) {
      const answer = await call(`${api}${path}`, { method: 'POST', body, headers });
      expect([path, answer.status, answer.body.code]).toEqual([path, 403, 'FORBIDDEN']);
    }
    expect((await call(`${api}/signals`, { headers })).status).toBe(403);
    expect(await events.countDocuments({ _id: { $in: ofA } })).toBe(3);
  });

  it('records who looked: views and exports through a token are access events in MongoDB', async () => {
    const minted = store.createViewerToken({
      tenantId: 'acme',
      refs: ['customer:40'],
      can: ['read', 'export'],
      ttl: 300,
      within: { tenants: ['acme'] },
      actor: customerA,
    });
    const headers = bearer(minted.token, { 'user-agent': 'Portal/1' });
    await call(`${api}/timeline?ref=customer:40`, { headers });
    await call(`${api}/export.csv`, { headers });
    const found = await flushedUntil(
      store,
      () => events.find({ 'metadata.viewer': minted.id }).sort({ _id: 1 }).toArray(),
      2,
    );
    expect(found.map((event) => [event.action, event.kind, event.tenantId])).toEqual([
      ['activity.viewed', 'access', 'acme'],
      ['activity.exported', 'access', 'acme'],
    ]);
    expect(found[0]).toMatchObject({
      actor: { id: 'c-40', role: 'customer' },
      refKeys: ['activity_log:acme'],
      context: { userAgent: 'Portal/1' },
      metadata: { page: 'timeline', target: 'customer:40', records: ['customer:40'] },
    });
    expect(found[1]?.metadata).toMatchObject({ format: 'csv', completed: true, viewer: minted.id });
  });

  it('takes viewer tokens from where the app says, leaving its own Bearer sessions alone', async () => {
    const other = await startApiApp(testDb, {
      store: { viewerTokens: { secret } },
      api: {
        viewerTokens: {
          authorization: (req) => {
            const token = req.get('x-viewer-token');
            return token ? `Bearer ${token}` : undefined;
          },
        },
      },
    });
    const token = other.store.createViewerToken({
      tenantId: 'acme',
      refs: ['customer:40'],
      can: ['read'],
      ttl: 300,
      within: { tenants: ['acme'] },
    }).token;
    const otherApi = `${other.base}/api/activity`;
    const viaHeader = await call(`${otherApi}/`, { headers: { 'x-viewer-token': token } });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body.items.length).toBe(3);
    // The app's own bearer session is not taken for a viewer token: authorize decides (here, nobody).
    const session = await call(`${otherApi}/`, {
      headers: { authorization: 'Bearer app-session' },
    });
    expect([session.status, session.body.code]).toEqual([401, 'UNAUTHORIZED']);
  });
});
