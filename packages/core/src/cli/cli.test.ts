import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createTestDb } from '@activitykit/test-utils';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { createActivityStore } from '../createActivityStore.ts';
import { fileAnchor } from '../integrity/anchor.ts';
import { runCli } from './runCli.ts';

const testDb = await createTestDb('cli');
const dir = await mkdtemp(join(tmpdir(), 'ak-cli-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
/** Runs the CLI in this process, with its own output streams and no MONGODB_URI. */
async function cli(...args: string[]): Promise<Run> {
  const stdout = collect();
  const stderr = collect();
  const code = await runCli(args, { stdout: stdout.stream, stderr: stderr.stream, env: {} });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
function collect() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
/** Runs the CLI as its own `node` process, as a user does: exit codes come from `main.ts`. */
function spawnCli(...args: string[]): Promise<Run> {
  const { MONGODB_URI: _ignored, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@activitykit/source', MAIN, ...args],
      { env },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}
const connection = (collection: string) => [
  '--uri',
  testDb.uri,
  '--db',
  testDb.db.databaseName,
  '--collection',
  collection,
  '--journal-dir',
  join(dir, 'journal'),
];

// Each command runs in this process through runCli (what main.ts runs); the end-to-end block below
// starts real `node` processes for what only a process shows: its exit code and output streams.
describe('the activitykit CLI', () => {
  it('prints help for itself and each command, and refuses unknown ones', async () => {
    expect((await cli('--help')).stdout).toMatch(/Commands:[\s\S]*verify/);
    for (const command of ['keygen', 'verify', 'export', 'stats', 'purge', 'replay-journal']) {
      const run = await cli(command, '--help');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`Usage: activitykit ${command}`));
    }
    const unknown = await cli('explode');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "explode"/);
    const badFlag = await cli('verify', '--colour');
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/--colour[\s\S]*Run activitykit verify --help/);
  });

  it('makes a key pair, then verifies sealed events and names a tampered one', async () => {
    const keygen = await cli('keygen', '--out', join(dir, 'keys'));
    expect(keygen.code).toBe(0);
    expect((await stat(join(dir, 'keys', 'activitykit-seal.key'))).mode & 0o777).toBe(0o600);
    expect((await cli('keygen', '--out', join(dir, 'keys'))).code).toBe(2);

    const privateKey = await readFile(join(dir, 'keys', 'activitykit-seal.key'), 'utf8');
    const store = createActivityStore({
      client: testDb.client,
      dbName: testDb.db.databaseName,
      collection: 'cli_events',
      journalDir: join(dir, 'store-journal'),
      defaultTenantId: 'acme',
      integrity: { privateKey, sealIntervalMs: false, sealDelayMs: 0 },
    });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++)
      ids.push((await store.record({ action: 'order.created' }, { durable: true }))?.id ?? '');
    await store.seal();
    await store.close();

    const args = [
      'verify',
      '--tenant',
      'acme',
      '--public-key',
      join(dir, 'keys', 'activitykit-seal.pub'),
      ...connection('cli_events'),
    ];
    const clean = await cli(...args);
    expect(clean.stdout).toMatch(/^OK — tenant acme: 20 events in 1 checkpoints/);
    expect(clean.code).toBe(0);

    await testDb.db
      .collection('cli_events')
      .updateOne({ _id: ids[7] as never }, { $set: { description: 'edited' } });
    const tampered = await cli(...args);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain(`modified: ${ids[7]}`);
    const json = JSON.parse((await cli(...args, '--json')).stdout);
    expect(json.modified).toEqual([{ id: ids[7], seq: 1 }]);

    // The same from a real process: its exit code and stdout.
    const spawned = await spawnCli(...args);
    expect(spawned.code).toBe(1);
    expect(spawned.stdout).toContain(`modified: ${ids[7]}`);
  }, 120_000);

  it('fails verify with exit 4 for a missing or empty anchor, and 1 naming a delete a forged record claims to explain', async () => {
    await cli('keygen', '--out', join(dir, 'keys4'));
    const privateKey = await readFile(join(dir, 'keys4', 'activitykit-seal.key'), 'utf8');
    const anchorFile = join(dir, 'anchor4.ndjson');
    const store = createActivityStore({
      client: testDb.client,
      dbName: testDb.db.databaseName,
      collection: 'cli_anchor',
      journalDir: join(dir, 'j4'),
      defaultTenantId: 'acme',
      integrity: {
        privateKey,
        sealIntervalMs: false,
        sealDelayMs: 0,
        anchor: fileAnchor(anchorFile),
      },
    });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await store.record({ action: 'order.created' }, { durable: true }))?.id ?? '');
    await store.seal();
    await store.close();
    const args = (anchor: string) => [
      'verify',
      '--tenant',
      'acme',
      '--public-key',
      join(dir, 'keys4', 'activitykit-seal.pub'),
      '--anchor',
      anchor,
      ...connection('cli_anchor'),
    ];
    expect((await cli(...args(anchorFile))).code).toBe(0);
    const missing = await cli(...args(join(dir, 'no-such-anchor.ndjson')));
    expect(missing.code).toBe(4);
    expect(missing.stdout).toMatch(/anchor missing: The anchor is configured but not there/);
    await writeFile(join(dir, 'empty4.ndjson'), '');
    const empty = await cli(...args(join(dir, 'empty4.ndjson')));
    expect(empty.code).toBe(4);
    expect(empty.stdout).toMatch(/anchor empty: The anchor holds no checkpoint/);

    // A delete by hand, "explained" by an unsigned bulk-delete record inserted beside it.
    const events = testDb.db.collection('cli_anchor');
    const victim = await events.findOne({ _id: ids[2] as never });
    await events.deleteOne({ _id: ids[2] as never });
    await events.insertOne({
      ...(victim as object),
      _id: `${(ids[4] ?? '').slice(0, 20)}ZZZZZZ` as never,
      action: 'activity.bulk_deleted',
      metadata: { ids: [ids[2]], total: 1 },
    });
    const forged = await cli(...args(anchorFile));
    expect(forged.code).toBe(1);
    expect(forged.stdout).toContain(`deleted:  ${ids[2]}`);
  }, 120_000);

  it('prints the statistics and security signals of a tenant', async () => {
    const store = createActivityStore({
      client: testDb.client,
      dbName: testDb.db.databaseName,
      collection: 'cli_stats',
      journalDir: join(dir, 'j3'),
    });
    for (let i = 0; i < 6; i++) {
      await store.record(
        {
          tenantId: 'acme',
          action: 'auth.login_failed',
          actor: { id: 'u-bob', type: 'user', name: 'Bob' },
          context: { ip: '203.0.113.9' },
        },
        { durable: true },
      );
    }
    await store.record(
      {
        tenantId: 'acme',
        action: 'order.created',
        actor: { id: 'u-ann', type: 'user', name: 'Ann' },
      },
      { durable: true },
    );
    await store.close();
    const run = await cli(
      'stats',
      '--tenant',
      'acme',
      '--preset',
      'today',
      '--signals',
      ...connection('cli_stats'),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^7 events/);
    expect(run.stdout).toMatch(/login_failed 6/);
    expect(run.stdout).toMatch(/security signals: [1-9]/);
    const json = JSON.parse(
      (
        await cli(
          'stats',
          '--tenant',
          'acme',
          '--preset',
          'today',
          '--json',
          ...connection('cli_stats'),
        )
      ).stdout,
    );
    expect(json.stats.total).toBe(7);
    expect(
      (await cli('stats', '--tenant', 'acme', '--preset', 'someday', ...connection('cli_stats')))
        .code,
    ).toBe(2);
  });

  it('exports CSV, NDJSON and PDF of a query, and reports progress', async () => {
    const store = createActivityStore({
      client: testDb.client,
      dbName: testDb.db.databaseName,
      collection: 'cli_export',
      journalDir: join(dir, 'j4'),
    });
    await store.record(
      {
        tenantId: 'acme',
        action: 'customer.deleted',
        subject: { type: 'customer', id: '1', label: 'Иван, "Ваня" Петров' },
      },
      { durable: true },
    );
    await store.record(
      {
        tenantId: 'acme',
        action: 'order.created',
        subject: { type: 'order', id: '2', label: '=cmd()' },
      },
      { durable: true },
    );
    await store.record(
      { tenantId: 'beta', action: 'customer.deleted', subject: { type: 'customer', id: '3' } },
      { durable: true },
    );
    await store.close();
    const csvFile = join(dir, 'out.csv');
    const csv = await cli(
      'export',
      '--format',
      'csv',
      '--tenant',
      'acme',
      '--query',
      'kind:delete',
      '--out',
      csvFile,
      ...connection('cli_export'),
    );
    expect(csv.code).toBe(0);
    expect(csv.stderr).toMatch(/exported 1 event\(s\) to/);
    const rows = parseCsv(await readFile(csvFile, 'utf8'), { bom: true }) as string[][];
    expect(rows).toHaveLength(2);
    expect(rows[1]?.join('|')).toContain('Иван, "Ваня" Петров');

    const ndjson = await cli(
      'export',
      '--format',
      'ndjson',
      '--tenant',
      'acme',
      ...connection('cli_export'),
    );
    const lines = ndjson.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((e) => e.action).sort()).toEqual(['customer.deleted', 'order.created']);

    const pdfFile = join(dir, 'out.pdf');
    const pdf = await cli(
      'export',
      '--format',
      'pdf',
      '--tenant',
      'acme',
      '--title',
      'Журнал',
      '--out',
      pdfFile,
      ...connection('cli_export'),
    );
    expect(pdf.code).toBe(0);
    const text = await new Promise<string>((resolve, reject) =>
      execFile('pdftotext', ['-layout', pdfFile, '-'], (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      ),
    );
    expect(text).toContain('Журнал');
    expect(
      (await cli('export', '--format', 'xls', '--tenant', 'acme', ...connection('cli_export')))
        .code,
    ).toBe(2);
  });

  it('purges expired events and says how many', async () => {
    const store = createActivityStore({
      client: testDb.client,
      dbName: testDb.db.databaseName,
      collection: 'cli_purge',
      journalDir: join(dir, 'j2'),
    });
    await store.record(
      {
        tenantId: 'startup',
        action: 'order.created',
        occurredAt: new Date(Date.now() - 40 * 86_400_000),
      },
      { durable: true },
    );
    await store.record({ tenantId: 'startup', action: 'order.created' }, { durable: true });
    await store.close();
    const run = await cli(
      'purge',
      '--expired',
      '--tenant-days',
      'startup=30',
      ...connection('cli_purge'),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/startup: 1 event\(s\) older than/);
    expect(
      await testDb.db.collection('cli_purge').countDocuments({ action: 'order.created' }),
    ).toBe(1);
    expect((await cli('purge', ...connection('cli_purge'))).code).toBe(2);
  });

  it('replays a journal left by a writer that could not reach MongoDB', async () => {
    const journalDir = join(dir, 'offline-journal');
    const offline = createActivityStore({
      uri: 'mongodb://127.0.0.1:9/',
      journalDir,
      defaultTenantId: 'acme',
      writer: { maxRetries: 0, insertTimeoutMs: 200 },
      onError: () => {},
    });
    for (let i = 0; i < 25; i++) offline.record({ action: 'order.created' });
    await offline.close();
    const run = await cli(
      'replay-journal',
      '--uri',
      testDb.uri,
      '--db',
      testDb.db.databaseName,
      '--collection',
      'cli_replay',
      '--journal-dir',
      journalDir,
    );
    expect(run.stdout).toMatch(/replayed 25 event/);
    expect(run.code).toBe(0);
    expect(await testDb.db.collection('cli_replay').countDocuments()).toBe(25);
  });
});

// A `node` start of the CLI (its TypeScript sources) can take seconds when the whole workspace's
// tests share two cores.
describe('the activitykit CLI as a process', { timeout: 120_000 }, () => {
  it('exits 0 with help, 2 with usage errors on stderr', async () => {
    const [help, bare, unknown] = await Promise.all([
      spawnCli('--help'),
      spawnCli(),
      spawnCli('explode'),
    ]);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: activitykit <command>[\s\S]*replay-journal/);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toMatch(/^Usage: activitykit/);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/^activitykit: unknown command "explode"/);
  });
});
