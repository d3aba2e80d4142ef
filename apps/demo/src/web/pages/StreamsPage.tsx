import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api.ts';
import { usePreferences } from '../i18n.tsx';
import { ReceiverPanel } from './ReceiverPanel.tsx';
import { StreamForms } from './StreamForms.tsx';
import {
  createStream,
  deleteStream,
  listStreams,
  readReceiver,
  registerSecret,
  streamAction,
  type WireStream,
} from './streamsApi.ts';
import { stateLabel, streamsMessages } from './streamsMessages.ts';

/**
 * Log streams (administrators): webhook and syslog streams with their status — state, delivered,
 * lag, failures, last error — pause / resume / test / rotate / delete, and what the demo's own
 * receivers took (with each webhook signature checked).
 */
export function StreamsPage() {
  const { locale, formatDateTime } = usePreferences();
  const m = streamsMessages(locale);
  const queryClient = useQueryClient();
  const streams = useQuery({ queryKey: ['streams'], queryFn: listStreams, refetchInterval: 2000 });
  const receiver = useQuery({
    queryKey: ['receiver'],
    queryFn: readReceiver,
    refetchInterval: 2000,
  });
  const [notice, setNotice] = useState<{ text: string; secret?: string; error?: boolean }>();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['streams'] }),
      queryClient.invalidateQueries({ queryKey: ['receiver'] }),
    ]);
  const run = (action: () => Promise<unknown>) => () =>
    void action()
      .then(refresh)
      .catch((failure: unknown) => setNotice({ text: errorMessage(failure), error: true }));

  async function act(stream: WireStream, action: string) {
    if (action === 'test') {
      const result = await streamAction<{ delivered: boolean; error?: string }>(stream.id, 'test');
      setNotice(
        result.delivered
          ? { text: m.testOk }
          : { text: `${m.testFailed} ${result.error}`, error: true },
      );
    } else if (action === 'rotate-secret') {
      const rotated = await streamAction<{ secret: string }>(stream.id, action);
      if (
        stream.destination.type === 'webhook' &&
        stream.destination.url === receiver.data?.webhookUrl
      ) {
        await registerSecret(stream.id, rotated.secret);
      }
      setNotice({ text: m.secretOnce, secret: rotated.secret });
    } else if (action === 'delete') {
      await deleteStream(stream.id);
    } else {
      await streamAction(stream.id, action);
    }
  }

  return (
    <section aria-labelledby="streams-title" className="full-width">
      <h1 id="streams-title">{m.title}</h1>
      <p>{m.intro}</p>
      <StreamForms
        m={m}
        receiverUrl={receiver.data?.webhookUrl}
        syslog={receiver.data?.syslog}
        onCreate={async (input) => {
          const created = await createStream(input, receiver.data?.webhookUrl);
          setNotice(created.secret ? { text: m.secretOnce, secret: created.secret } : undefined);
          await refresh();
        }}
      />
      {notice && (
        <div className={notice.error ? 'alert' : 'notice'} role={notice.error ? 'alert' : 'status'}>
          <p>{notice.text}</p>
          {notice.secret && <code data-testid="stream-secret">{notice.secret}</code>}
        </div>
      )}
      <section className="card" aria-labelledby="streams-list-title">
        <h2 id="streams-list-title">{m.streams}</h2>
        {streams.isError && (
          <p className="alert" role="alert">
            {streams.error.message}
          </p>
        )}
        {streams.data?.length === 0 && <p>{m.none}</p>}
        {streams.data && streams.data.length > 0 && (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{m.name}</th>
                  <th scope="col">{m.state}</th>
                  <th scope="col">{m.delivered}</th>
                  <th scope="col">{m.lag}</th>
                  <th scope="col">{m.lastDelivered}</th>
                  <th scope="col">{m.failures}</th>
                  <th scope="col">{m.lastError}</th>
                  <th scope="col">
                    <span className="visually-hidden">{m.test}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {streams.data.map((stream) => (
                  <tr key={stream.id} data-stream={stream.id} data-state={stream.status.state}>
                    <th scope="row">
                      {stream.name}
                      <br />
                      <small>
                        {stream.tenantId} ·{' '}
                        {stream.destination.type === 'webhook'
                          ? stream.destination.url
                          : `syslog ${stream.destination.host}:${stream.destination.port}`}
                        {stream.filter.q ? ` · ${stream.filter.q}` : ''}
                      </small>
                    </th>
                    <td>{stateLabel(m, stream.status.state)}</td>
                    <td>{stream.status.delivered}</td>
                    <td>{(stream.status.lagMs / 1000).toFixed(1)} s</td>
                    <td>
                      {stream.status.lastDeliveredAt
                        ? formatDateTime(stream.status.lastDeliveredAt)
                        : '—'}
                    </td>
                    <td>{stream.status.consecutiveFailures}</td>
                    <td>{stream.status.lastError ?? '—'}</td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="button small"
                        onClick={run(() => act(stream, stream.paused ? 'resume' : 'pause'))}
                      >
                        {stream.paused ? m.resume : m.pause}
                      </button>
                      {stream.status.state === 'dead_letter' && (
                        <button
                          type="button"
                          className="button small"
                          onClick={run(() => act(stream, 'resume'))}
                        >
                          {m.resume}
                        </button>
                      )}
                      <button
                        type="button"
                        className="button small"
                        onClick={run(() => act(stream, 'test'))}
                      >
                        {m.test}
                      </button>
                      {stream.destination.type === 'webhook' && (
                        <button
                          type="button"
                          className="button small"
                          onClick={run(() => act(stream, 'rotate-secret'))}
                        >
                          {m.rotate}
                        </button>
                      )}
                      <button
                        type="button"
                        className="button small danger"
                        onClick={run(() => act(stream, 'delete'))}
                      >
                        {m.remove}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <ReceiverPanel m={m} receiver={receiver.data} formatDateTime={formatDateTime} />
    </section>
  );
}
