import { once } from 'node:events';
import { connect as connectTcp, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { connect as connectTls } from 'node:tls';
import type { ActivityEvent } from '@activitykit/schema';
import type { z } from 'zod';
import type { syslogDestinationSchema } from './streamInputs.ts';
import { DeliveryError } from './webhook.ts';

/** A syslog destination with its defaults applied. */
export type SyslogDestination = z.infer<typeof syslogDestinationSchema>;

/** The SD-ID of the structured data element every message carries (32473: the documentation PEN). */
export const SYSLOG_SD_ID = 'activitykit@32473';

const HOST = printable(hostname(), 255);

/**
 * One event as an RFC 5424 message: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG`,
 * with the action as MSGID, the event id, tenant, kind and outcome as structured data, and the
 * whole event as JSON in MSG. Failures are sent at severity warning, the rest at informational.
 *
 * @example
 * ```ts
 * syslogMessage(event, { facility: 13, appName: 'activitykit', streamId: 'ls_…' });
 * // '<110>1 2026-12-06T10:00:00.000Z web-1 activitykit 4242 customer.created [activitykit@32473 id="01K…" …] {"id":"01K…",…}'
 * ```
 */
export function syslogMessage(
  event: ActivityEvent,
  options: { facility: number; appName: string; streamId: string },
): string {
  const severity = event.outcome === 'failure' ? 4 : 6;
  const params = { id: event.id, tenant: event.tenantId, kind: event.kind, outcome: event.outcome };
  const data = Object.entries(params)
    .map(([name, value]) => `${name}="${String(value).replace(/["\\\]]/g, '\\$&')}"`)
    .join(' ');
  return [
    `<${options.facility * 8 + severity}>1`,
    event.occurredAt.toISOString(),
    HOST,
    options.appName,
    String(process.pid),
    printable(event.action, 32),
    `[${SYSLOG_SD_ID} ${data} stream="${options.streamId}"]`,
    JSON.stringify(event),
  ].join(' ');
}

/** Octet-counting framing (RFC 6587 §3.4.1): the message's length in bytes, a space, the message. */
export function octetFrame(message: string): string {
  return `${Buffer.byteLength(message)} ${message}`;
}

/** A kept-open TCP (or TLS) connection to a syslog receiver. */
export interface SyslogConnection {
  /** Writes the framed messages; resolves once the socket has taken every byte. */
  send(messages: readonly string[]): Promise<void>;
  close(): void;
}

/** Opens a connection on first use and again after any failure. */
export function syslogConnection(
  destination: SyslogDestination,
  options: { timeoutMs: number },
): SyslogConnection {
  let socket: Socket | undefined;
  const where = `${destination.host}:${destination.port}`;

  async function open(): Promise<Socket> {
    if (socket && !socket.destroyed && socket.writable) return socket;
    const opened = destination.tls
      ? connectTls({
          host: destination.host,
          port: destination.port,
          servername: serverName(destination.host),
          ...(destination.ca ? { ca: destination.ca } : {}),
        })
      : connectTcp({ host: destination.host, port: destination.port });
    opened.setTimeout(options.timeoutMs, () => opened.destroy(new Error('timed out')));
    opened.setKeepAlive(true);
    // A receiver that closes the connection (or fails it) is seen on the next send.
    opened.on('error', () => {});
    opened.on('end', () => opened.destroy());
    opened.on('close', () => {
      if (socket === opened) socket = undefined;
    });
    try {
      await once(opened, destination.tls ? 'secureConnect' : 'connect');
    } catch (error) {
      opened.destroy();
      throw error;
    }
    socket = opened;
    return opened;
  }

  return {
    async send(messages) {
      try {
        const open_ = await open();
        const data = messages.map(octetFrame).join('');
        await new Promise<void>((resolve, reject) => {
          open_.write(data, (error) => (error ? reject(error) : resolve()));
        });
      } catch (error) {
        socket?.destroy();
        socket = undefined;
        throw new DeliveryError(
          `Syslog ${where}: ${error instanceof Error ? error.message : String(error)}.`,
          { cause: error },
        );
      }
    },
    close() {
      socket?.end();
      socket = undefined;
    },
  };
}

function serverName(host: string): string | undefined {
  return /^[\d.]+$|:/.test(host) ? undefined : host;
}

function printable(text: string, max: number): string {
  const kept = text.replace(/[^!-~]/g, '_').slice(0, max);
  return kept || '-';
}
