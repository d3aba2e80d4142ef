import { type ActivityEvent, type RecordRef, refKey } from '@activitykit/schema';
import { useState } from 'react';
import type { ActivityI18n } from '../i18n/createI18n.ts';
import { changesOf, DiffTable, formatValue } from './DiffTable.tsx';
import { actorLabel, eventDescription, roleLabel } from './LogRow.tsx';
import type { LogTranslate } from './messages.ts';
import { SealFact } from './SealFact.tsx';

/** Props of {@link EventDetail}. */
export interface EventDetailProps {
  event: ActivityEvent;
  t: LogTranslate;
  i18n: ActivityI18n;
  onOpenRecord?: ((ref: RecordRef, event: ActivityEvent) => void) | undefined;
}

/**
 * Everything about one event: what happened, who (role and IP), when, the path-level before /
 * after diff, related records (clickable through `onOpenRecord`), the request context and the raw
 * JSON with a copy button.
 */
export function EventDetail({ event, t, i18n, onOpenRecord }: EventDetailProps) {
  const context = Object.entries(event.context).filter(([, value]) => value !== undefined);
  return (
    <div className="ak-log-detail">
      <p className="ak-log-detail-lead">{eventDescription(event, i18n)}</p>
      <dl className="ak-log-facts">
        <dt>{t('detail.when')}</dt>
        <dd>
          <time dateTime={event.occurredAt.toISOString()}>
            {i18n.formatTime(event.occurredAt, 'full')}
          </time>{' '}
          <span className="ak-muted">({i18n.formatTime(event.occurredAt, 'relative')})</span>
        </dd>
        <dt>{t('detail.actor')}</dt>
        <dd>
          {actorLabel(event, t)}
          {event.actor.email ? <span className="ak-muted"> · {event.actor.email}</span> : null}
        </dd>
        <dt>{t('detail.role')}</dt>
        <dd>{roleLabel(event.actor.role ?? event.actor.type, t)}</dd>
        <dt>{t('detail.ip')}</dt>
        <dd className="ak-log-mono">{event.context.ip ?? '—'}</dd>
        <dt>{t('detail.action')}</dt>
        <dd className="ak-log-mono">{event.action}</dd>
        <dt>{t('detail.outcome')}</dt>
        <dd>
          <span
            className={`ak-badge ${event.outcome === 'failure' ? 'ak-badge--danger' : 'ak-badge--success'}`}
          >
            {t(`outcome.${event.outcome}`)}
          </span>
        </dd>
        <SealFact id={event.id} i18n={i18n} />
      </dl>
      <section aria-labelledby={`${event.id}-changes`}>
        <h3 id={`${event.id}-changes`} className="ak-log-detail-heading">
          {event.changes?.length || !event.snapshot ? t('detail.changes') : t('detail.snapshot')}
        </h3>
        <DiffTable changes={changesOf(event)} t={t} />
      </section>
      {event.refs.length > 0 ? (
        <section aria-labelledby={`${event.id}-related`}>
          <h3 id={`${event.id}-related`} className="ak-log-detail-heading">
            {t('detail.related')}
          </h3>
          <ul className="ak-log-refs">
            {event.refs.map((ref) => (
              <li key={refKey(ref)}>
                <span className="ak-muted">{ref.type}</span>{' '}
                {onOpenRecord ? (
                  <button
                    type="button"
                    className="ak-link"
                    onClick={() => onOpenRecord(ref, event)}
                  >
                    {ref.label ?? ref.id}
                  </button>
                ) : (
                  <span>{ref.label ?? ref.id}</span>
                )}{' '}
                <span className="ak-log-mono ak-muted">#{ref.id}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {context.length > 0 ? (
        <section aria-labelledby={`${event.id}-context`}>
          <h3 id={`${event.id}-context`} className="ak-log-detail-heading">
            {t('detail.context')}
          </h3>
          <dl className="ak-log-facts">
            {context.map(([key, value]) => (
              <div key={key} className="ak-log-fact">
                <dt className="ak-log-mono">{key}</dt>
                <dd className="ak-log-wrap">{formatValue(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <RawJson event={event} t={t} />
    </div>
  );
}

function RawJson({ event, t }: { event: ActivityEvent; t: LogTranslate }) {
  const [copied, setCopied] = useState(false);
  const json = JSON.stringify(event, null, 2);
  return (
    <div className="ak-log-raw">
      <button
        type="button"
        className="ak-button ak-button--small"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(json);
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          } catch {
            setCopied(false);
          }
        }}
      >
        {copied ? t('detail.copied') : t('detail.copy')}
      </button>
      <details>
        <summary>{t('detail.raw')}</summary>
        <pre className="ak-log-mono">{json}</pre>
      </details>
    </div>
  );
}
