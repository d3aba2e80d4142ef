import type { Arrival } from '../../server/streams/demoReceivers.ts';
import { api } from '../api.ts';

/** A log stream as `/api/activity-streams` answers (dates as ISO strings). */
export interface WireStream {
  id: string;
  tenantId: string;
  name: string;
  destination: { type: 'webhook'; url: string } | { type: 'syslog'; host: string; port: number };
  filter: { q?: string };
  paused: boolean;
  secrets: number;
  status: {
    state: 'active' | 'retrying' | 'dead_letter' | 'paused';
    lastDeliveredId: string | null;
    lastDeliveredAt: string | null;
    lagMs: number;
    delivered: number;
    consecutiveFailures: number;
    lastError: string | null;
  };
}

/** What the demo's receivers took, and where they listen. */
export interface ReceiverState {
  webhookUrl: string;
  syslog: { host: string; port: number } | null;
  arrivals: Arrival[];
}

export const listStreams = () =>
  api<{ items: WireStream[] }>('/activity-streams').then((answer) => answer.items);

export const readReceiver = () => api<ReceiverState>('/streams-receiver');

/** Creates a stream; a webhook to the demo receiver has its secret registered there. */
export async function createStream(
  input: Record<string, unknown>,
  receiverUrl: string | undefined,
): Promise<{ stream: WireStream; secret?: string }> {
  const created = await api<{ stream: WireStream; secret?: string }>('/activity-streams', {
    method: 'POST',
    body: input,
  });
  const { destination } = created.stream;
  if (created.secret && destination.type === 'webhook' && destination.url === receiverUrl) {
    await registerSecret(created.stream.id, created.secret);
  }
  return created;
}

export const registerSecret = (streamId: string, secret: string) =>
  api<void>('/streams-receiver/secrets', { method: 'POST', body: { streamId, secret } });

/** `pause`, `resume`, `test` or `rotate-secret` of a stream. */
export const streamAction = <T = WireStream>(id: string, action: string) =>
  api<T>(`/activity-streams/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: {} });

export const deleteStream = (id: string) =>
  api<void>(`/activity-streams/${encodeURIComponent(id)}`, { method: 'DELETE' });
