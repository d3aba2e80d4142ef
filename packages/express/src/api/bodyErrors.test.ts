import { createTestDb } from '@activitykit/test-utils';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { activityCapture } from '../capture/activityCapture.ts';
import { call, createTestStore, listen } from '../test/fixture.ts';
import { activityApi } from './activityApi.ts';

// The README's order: the app parses JSON for every route before it mounts the API, so a body the
// app's own `express.json()` refuses fails before the API's routes run.
const testDb = await createTestDb('body_errors');
const { store } = await createTestStore(testDb, { defaultTenantId: 'acme' });
const reported: unknown[] = [];
const app = express();
app.use(express.json());
app.use(activityCapture({ store }));
app.use(
  '/api/activity',
  activityApi({
    store,
    authorize: () => ({
      scope: { tenants: ['acme'], canNote: true },
      actor: { id: 'u-pat', type: 'user', name: 'Pat' },
    }),
    onError: (error) => reported.push(error),
  }),
);
app.post('/customers/:id', (_req, res) => res.json({ ok: true }));
app.use((_req, _res, next) => next(new Error('an error of the app itself')));
const base = await listen(app);

const notes = `${base}/api/activity/notes`;
const json = { 'content-type': 'application/json' };

function expectSafeProblem(response: Awaited<ReturnType<typeof call>>, status: number): void {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code: 'INVALID_INPUT' });
  expect(response.text).not.toMatch(/<html|<pre|at \w+ \(|node_modules|\/work\/|\.ts:\d/i);
}

describe('activityApi behind the app’s own express.json()', () => {
  it('answers malformed JSON to POST /notes with a 400 problem, not the HTML error page', async () => {
    const response = await call(notes, { body: '{"ref": "customer:42", "body": ', headers: json });
    expectSafeProblem(response, 400);
    expect(response.body.detail).toBe('The request body is not valid JSON.');
  });

  it('answers a 200 kB body with a 413 problem', async () => {
    const body = JSON.stringify({ ref: 'customer:42', body: 'x'.repeat(200 * 1024) });
    const response = await call(notes, { body, headers: json });
    expectSafeProblem(response, 413);
  });

  it('answers an unsupported body charset with a 415 problem', async () => {
    const response = await call(notes, {
      body: '{}',
      headers: { 'content-type': 'application/json; charset=koi8-r' },
    });
    expectSafeProblem(response, 415);
  });

  it('answers problem+json on any path under its mount point, and reports nothing', async () => {
    for (const path of ['/verify', '/bulk-delete', '/01JAAAAAAAAAAAAAAAAAAAAAAA/restore']) {
      const response = await call(`${base}/api/activity${path}`, { body: '{', headers: json });
      expectSafeProblem(response, 400);
    }
    expect(reported).toEqual([]);
  });

  it('still takes a well-formed note the app’s parser already read', async () => {
    const response = await call(notes, { body: { ref: 'customer:42', body: 'Called back' } });
    expect(response.status, response.text).toBe(201);
    expect(response.body).toMatchObject({
      action: 'note.added',
      metadata: { note: 'Called back' },
    });
  });

  it('leaves errors outside its mount point to the app', async () => {
    const response = await call(`${base}/customers/42`, { body: '{', headers: json });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const other = await call(`${base}/elsewhere`);
    expect(other.status).toBe(500);
    expect(other.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('answers an unexpected error of earlier middleware as a 500 problem, reported to onError', async () => {
    const failing = express();
    failing.use('/api/activity', (_req, _res, next) => next(new Error('session store is down')));
    failing.use(
      '/api/activity',
      activityApi({ store, authorize: () => null, onError: (error) => reported.push(error) }),
    );
    const response = await call(`${await listen(failing)}/api/activity/`);
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ code: 'INTERNAL' });
    expect(response.text).not.toContain('session store');
    expect(reported.map(String)).toEqual(['Error: session store is down']);
  });
});
