import type { ActivityEvent } from '@activitykit/schema';
import { deliveryId, payloadBody, type StreamPayload } from './payload.ts';
import { openSecret } from './secrets.ts';
import type { StreamDocument } from './streamDocuments.ts';
import type { StreamSettings } from './streamSettings.ts';
import { type SyslogConnection, syslogConnection, syslogMessage } from './syslog.ts';
import { DeliveryError, postWebhook } from './webhook.ts';

/** Sends batches to one stream's destination. */
export interface StreamSender {
  send(events: readonly ActivityEvent[], type?: StreamPayload['type']): Promise<void>;
  close(): void;
}

/** What senders need: the key secrets are encrypted with, the settings, the clock. */
export interface SenderDeps {
  key: Buffer | undefined;
  settings: StreamSettings;
  clock: () => Date;
}

/**
 * A sender for a stream's current configuration: a webhook signed with every stored secret, or
 * a kept-open syslog connection.
 */
export function createSender(stream: StreamDocument, deps: SenderDeps): StreamSender {
  const { destination } = stream;
  if (destination.type === 'syslog') {
    const connection: SyslogConnection = syslogConnection(destination, {
      timeoutMs: deps.settings.timeoutMs,
    });
    return {
      send: (events) =>
        connection.send(
          events.map((event) =>
            syslogMessage(event, {
              facility: destination.facility,
              appName: destination.appName,
              streamId: stream._id,
            }),
          ),
        ),
      close: () => connection.close(),
    };
  }
  return {
    async send(events, type = 'activity.events') {
      if (!deps.key) {
        throw new DeliveryError(
          'This process has no streams.secretKey, so it cannot sign webhook deliveries.',
        );
      }
      const { key } = deps;
      const secrets = (stream.secrets ?? []).map((sealed) => openSecret(key, sealed));
      const payload: StreamPayload = {
        type,
        formatVersion: stream.formatVersion,
        streamId: stream._id,
        tenantId: stream.tenantId,
        events: [...events],
      };
      await postWebhook({
        url: destination.url,
        id: deliveryId(events),
        body: payloadBody(payload),
        secrets,
        timeoutMs: deps.settings.timeoutMs,
        now: deps.clock(),
      });
    },
    close() {},
  };
}
