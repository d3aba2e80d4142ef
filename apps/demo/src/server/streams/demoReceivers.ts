import { createServer, type Server } from 'node:net';
import express, { type Router } from 'express';
import { verifyWebhook } from './verifyWebhook.ts';

/** One delivery the demo's receivers took. */
export interface Arrival {
  /** Its number among the arrivals since the server started (a React key). */
  seq: number;
  at: string;
  via: 'webhook' | 'syslog';
  /** The webhook-id (webhook) or the MSGID (syslog). */
  id: string;
  streamId: string | null;
  events: { id: string; action: string }[];
  /** Whether the signature verified (webhooks), or `null` (syslog is not signed). */
  verified: boolean | null;
  reason?: string;
}

const KEEP = 100;

/**
 * The demo's stand-ins for a SIEM: a webhook endpoint (`POST /hooks/demo-receiver`) that verifies
 * each Standard Webhooks signature against the secrets registered with it, and a syslog listener
 * on TCP (octet-counted RFC 5424). Both keep the last 100 arrivals in memory for the Log streams page.
 */
export function createDemoReceivers() {
  const arrivals: Arrival[] = [];
  const secrets = new Map<string, string[]>();
  let seq = 0;
  const keep = (arrival: Omit<Arrival, 'seq'>) => {
    seq += 1;
    arrivals.unshift({ seq, ...arrival });
    arrivals.length = Math.min(arrivals.length, KEEP);
  };

  /** The webhook endpoint: mounted before the session and capture (a SIEM has neither). */
  const webhook: Router = express.Router();
  webhook.post('/', express.text({ type: '*/*', limit: '5mb' }), (req, res) => {
    const body = typeof req.body === 'string' ? req.body : '';
    let payload: { streamId?: string; events?: { id: string; action: string }[] } = {};
    try {
      payload = JSON.parse(body);
    } catch {
      res.status(400).json({ error: 'not JSON' });
      return;
    }
    const streamId = typeof payload.streamId === 'string' ? payload.streamId : null;
    const check = verifyWebhook({
      headers: req.headers,
      body,
      secrets: (streamId && secrets.get(streamId)) || [],
    });
    keep({
      at: new Date().toISOString(),
      via: 'webhook',
      id: String(req.headers['webhook-id'] ?? ''),
      streamId,
      events: (payload.events ?? []).map((e) => ({ id: e.id, action: e.action })),
      verified: check.verified,
      ...(check.verified ? {} : { reason: check.reason }),
    });
    // A real receiver refuses what does not verify; the demo shows it and says so.
    res.status(check.verified ? 204 : 401).end();
  });

  return {
    webhook,
    arrivals: () => arrivals,
    /** Registers a stream's secret with the receiver, as an admin pastes it into a SIEM. */
    register(streamId: string, secret: string) {
      secrets.set(streamId, [secret, ...(secrets.get(streamId) ?? [])].slice(0, 2));
    },
    /** Starts the syslog listener on `port` (`0`: any); resolves with the port. */
    listenSyslog: (port: number, host: string) => listenSyslog({ port, host, keep }),
  };
}

/** A minimal syslog-over-TCP receiver: octet-counting frames, RFC 5424 with JSON in MSG. */
async function listenSyslog(input: {
  port: number;
  host: string;
  keep: (arrival: Omit<Arrival, 'seq'>) => void;
}): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const space = buffer.indexOf(0x20);
        if (space === -1) return;
        const length = Number(buffer.subarray(0, space).toString());
        if (!Number.isInteger(length) || length <= 0) {
          socket.destroy();
          return;
        }
        if (buffer.length < space + 1 + length) return;
        const message = buffer.subarray(space + 1, space + 1 + length).toString('utf8');
        buffer = buffer.subarray(space + 1 + length);
        input.keep(syslogArrival(message));
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(input.port, input.host, () => resolve());
  });
  server.unref();
  return { server, port: (server.address() as { port: number }).port };
}

function syslogArrival(message: string): Omit<Arrival, 'seq'> {
  // <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG
  const [, , , , , msgId = '-'] = message.split(' ', 6);
  const stream = /stream="([^"]*)"/.exec(message)?.[1] ?? null;
  const json = message.slice(message.indexOf('] {') + 2);
  let event: { id?: string; action?: string } = {};
  try {
    event = JSON.parse(json);
  } catch {}
  return {
    at: new Date().toISOString(),
    via: 'syslog',
    id: msgId,
    streamId: stream,
    events: event.id ? [{ id: event.id, action: String(event.action) }] : [],
    verified: null,
  };
}
