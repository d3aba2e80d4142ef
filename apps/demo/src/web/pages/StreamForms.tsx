import { type FormEvent, useState } from 'react';
import { TENANTS } from '../../server/domain/tenants.ts';
import { errorMessage } from '../api.ts';
import { TenantOptions } from '../components/TenantOptions.tsx';
import type { StreamsMessages } from './streamsMessages.ts';

/** The two "new stream" forms: a webhook (to the demo receiver by default) and syslog. */
export function StreamForms(props: {
  m: StreamsMessages;
  receiverUrl: string | undefined;
  syslog: { host: string; port: number } | null | undefined;
  onCreate(input: Record<string, unknown>): Promise<unknown>;
}) {
  const { m } = props;
  return (
    <div className="two-columns">
      <StreamForm
        m={m}
        title={m.newWebhook}
        fields={[
          ['name', m.name, 'Demo SIEM (webhook)'],
          ['url', m.url, props.receiverUrl ?? ''],
        ]}
        onSubmit={(values) =>
          props.onCreate({
            tenantId: values.tenantId,
            name: values.name,
            destination: { type: 'webhook', url: values.url },
            filter: values.q ? { q: values.q } : {},
          })
        }
      />
      <StreamForm
        m={m}
        title={m.newSyslog}
        fields={[
          ['name', m.name, 'Demo syslog'],
          ['host', m.host, props.syslog?.host ?? '127.0.0.1'],
          ['port', m.port, String(props.syslog?.port ?? 514)],
        ]}
        onSubmit={(values) =>
          props.onCreate({
            tenantId: values.tenantId,
            name: values.name,
            destination: { type: 'syslog', host: values.host, port: Number(values.port) },
            filter: values.q ? { q: values.q } : {},
          })
        }
      />
    </div>
  );
}

function StreamForm(props: {
  m: StreamsMessages;
  title: string;
  fields: [name: string, label: string, initial: string][];
  onSubmit(values: Record<string, string>): Promise<unknown>;
}) {
  const { m } = props;
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const formKey = props.fields.map(([, , initial]) => initial).join('|');
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries(
      [...new FormData(event.currentTarget)].map(([key, value]) => [key, String(value).trim()]),
    );
    setError(undefined);
    setBusy(true);
    await props
      .onSubmit(values)
      .catch((failure: unknown) => setError(errorMessage(failure)))
      .finally(() => setBusy(false));
  }
  return (
    <form key={formKey} className="card form-grid" onSubmit={submit} aria-label={props.title}>
      <h2>{props.title}</h2>
      <label className="field">
        <span>{m.tenant}</span>
        <select name="tenantId" defaultValue={TENANTS[0]?.id}>
          <TenantOptions tenants={TENANTS} />
        </select>
      </label>
      {props.fields.map(([name, label, initial]) => (
        <label key={name} className="field">
          <span>{label}</span>
          <input name={name} defaultValue={initial} required />
        </label>
      ))}
      <label className="field">
        <span>{m.search}</span>
        <input name="q" placeholder="kind:delete category:order" />
      </label>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button" disabled={busy}>
        {m.create}
      </button>
    </form>
  );
}
