import { once } from 'node:events';
import { createServer } from 'node:tls';
import { cleanUp, createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { eventually } from './test/receiver.ts';
import { startRsyslog } from './test/rsyslog.ts';
import { ADMIN_ACCESS, createStreamStore } from './test/streamStore.ts';
import { TEST_TLS_CERT, TEST_TLS_KEY } from './test/tlsFixture.ts';

const testDb = await createTestDb('streams_syslog');

describe('syslog streams', () => {
  it('delivers RFC 5424 messages, octet-counted over TCP, that rsyslog parses into MSGID, structured data and the event as JSON', async () => {
    const rsyslog = await startRsyslog();
    const { store } = await createStreamStore(testDb);
    const { stream } = await store.streams.create(
      {
        tenantId: 'acme',
        name: 'rsyslog',
        destination: { type: 'syslog', host: '127.0.0.1', port: rsyslog.port },
        filter: { kinds: ['update', 'login_failed'] },
      },
      ADMIN_ACCESS,
    );
    const recorded = [];
    for (let i = 0; i < 23; i++) {
      const event = await store.record(
        {
          tenantId: 'acme',
          action: i === 5 ? 'auth.login_failed' : 'customer.updated',
          kind: i === 5 ? 'login_failed' : 'update',
          outcome: i === 5 ? 'failure' : 'success',
          actor: { id: 'u1', type: 'user', name: 'Ünïcode "quoted" ]' },
          subject: { type: 'customer', id: String(i), label: `Line\nbreak ${i}` },
        },
        { durable: true },
      );
      recorded.push(event);
    }

    const lines = await eventually('23 syslog lines', async () => {
      const read = await rsyslog.lines();
      return read.length >= 23 && read;
    });
    expect(lines).toHaveLength(23);
    const parsed = lines.map((line) => {
      const match = /^(\S+) (\[activitykit@32473 [^\]]*(?:\\\][^\]]*)*\]) (.*)$/.exec(line);
      if (!match) throw new Error(`Unexpected line: ${line}`);
      return { msgId: match[1], data: match[2] as string, event: JSON.parse(match[3] as string) };
    });
    expect(parsed.map((p) => p.event.id)).toEqual(recorded.map((e) => e?.id));
    expect(parsed[5]?.msgId).toBe('auth.login_failed');
    expect(parsed[0]?.msgId).toBe('customer.updated');
    expect(parsed[0]?.data).toContain(`id="${recorded[0]?.id}"`);
    expect(parsed[0]?.data).toContain('tenant="acme"');
    expect(parsed[0]?.data).toContain(`stream="${stream.id}"`);
    expect(parsed[5]?.data).toContain('outcome="failure"');
    expect(parsed[3]?.event).toMatchObject({
      tenantId: 'acme',
      actor: { name: 'Ünïcode "quoted" ]' },
      subject: { label: 'Line\nbreak 3' },
    });
    const status = await store.streams.get(stream.id, ADMIN_ACCESS);
    expect(status.status).toMatchObject({ state: 'active', delivered: 23 });
  });

  it('retries while the receiver is down and delivers once it listens', async () => {
    const { store } = await createStreamStore(testDb);
    // A port nothing listens on: the stream fails until it is pointed at rsyslog.
    const rsyslog = await startRsyslog();
    const { stream } = await store.streams.create(
      {
        tenantId: 'acme',
        name: 'down',
        destination: { type: 'syslog', host: '127.0.0.1', port: 1 },
      },
      ADMIN_ACCESS,
    );
    const failing = await eventually('a failure', async () => {
      const current = await store.streams.get(stream.id, ADMIN_ACCESS);
      return current.status.consecutiveFailures > 0 && current;
    });
    expect(failing.status.lastError).toMatch(/Syslog 127\.0\.0\.1:1: .*ECONNREFUSED/);
    await store.streams.update(
      stream.id,
      { destination: { type: 'syslog', host: '127.0.0.1', port: rsyslog.port } },
      ADMIN_ACCESS,
    );
    await store.streams.resume(stream.id, ADMIN_ACCESS);
    const lines = await eventually('the held events', async () => {
      const read = await rsyslog.lines();
      return read.length >= 3 && read;
    });
    expect(lines.map((line) => line.split(' ')[0])).toEqual([
      'log_stream.created',
      'log_stream.updated',
      'log_stream.resumed',
    ]);
  });

  it('delivers over TLS to a receiver whose certificate the destination trusts, and refuses one it does not', async () => {
    const frames: string[] = [];
    const server = createServer({ cert: TEST_TLS_CERT, key: TEST_TLS_KEY }, (socket) => {
      let buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        // Octet counting: the message is the next `length` bytes after the space.
        for (let space = buffer.indexOf(0x20); space > 0; space = buffer.indexOf(0x20)) {
          const length = Number(buffer.subarray(0, space).toString());
          if (buffer.length < space + 1 + length) break;
          frames.push(buffer.subarray(space + 1, space + 1 + length).toString('utf8'));
          buffer = buffer.subarray(space + 1 + length);
        }
      });
      socket.on('error', () => {});
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanUp(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as { port: number };
    const { store } = await createStreamStore(testDb);
    const destination = { type: 'syslog' as const, host: '127.0.0.1', port, tls: true };
    const trusted = await store.streams.create(
      { tenantId: 'tls', name: 'trusted', destination: { ...destination, ca: TEST_TLS_CERT } },
      ADMIN_ACCESS,
    );
    const untrusted = await store.streams.create(
      { tenantId: 'tls', name: 'untrusted', destination },
      ADMIN_ACCESS,
    );
    await eventually('a frame over TLS', async () => {
      const current = await store.streams.get(trusted.stream.id, ADMIN_ACCESS);
      if (current.status.lastError) throw new Error(current.status.lastError);
      return frames.length >= 2;
    });
    expect(frames[0]).toMatch(
      /^<110>1 \S+ \S+ activitykit \d+ log_stream\.created \[activitykit@32473 /,
    );
    expect(frames.every((frame) => frame.includes(`stream="${trusted.stream.id}"`))).toBe(true);
    const refused = await eventually('a refused handshake', async () => {
      const current = await store.streams.get(untrusted.stream.id, ADMIN_ACCESS);
      return current.status.consecutiveFailures > 0 && current;
    });
    expect(refused.status.lastError).toMatch(/self.signed|certificate/i);
  });
});
