import type { ReceiverState } from './streamsApi.ts';
import type { StreamsMessages } from './streamsMessages.ts';

/** What the demo's webhook and syslog receivers took, newest first, with each signature's check. */
export function ReceiverPanel(props: {
  m: StreamsMessages;
  receiver: ReceiverState | undefined;
  formatDateTime(value: string): string;
}) {
  const { m, receiver } = props;
  return (
    <section className="card" aria-labelledby="receiver-title">
      <h2 id="receiver-title">{m.receiver}</h2>
      <p>
        {m.receiverHint}{' '}
        {receiver && (
          <small>
            webhook <code>{receiver.webhookUrl}</code>
            {receiver.syslog && (
              <>
                {' '}
                · syslog{' '}
                <code>
                  {receiver.syslog.host}:{receiver.syslog.port}
                </code>
              </>
            )}
          </small>
        )}
      </p>
      {receiver?.arrivals.length === 0 && <p>{m.nothingYet}</p>}
      {receiver && receiver.arrivals.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" aria-labelledby="receiver-title">
            <thead>
              <tr>
                <th scope="col">{m.at}</th>
                <th scope="col">{m.via}</th>
                <th scope="col">{m.events}</th>
                <th scope="col">{m.signature}</th>
              </tr>
            </thead>
            <tbody>
              {receiver.arrivals.map((arrival) => (
                <tr
                  key={arrival.seq}
                  data-via={arrival.via}
                  data-verified={String(arrival.verified)}
                >
                  <td>{props.formatDateTime(arrival.at)}</td>
                  <td>
                    {arrival.via}
                    <br />
                    <small>{arrival.id}</small>
                  </td>
                  <td>
                    {arrival.events.length}:{' '}
                    {arrival.events.map((event) => event.action).join(', ')}
                  </td>
                  <td>
                    {arrival.verified === null
                      ? m.unsigned
                      : arrival.verified
                        ? `✓ ${m.verified}`
                        : `✗ ${m.notVerified} (${arrival.reason})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
