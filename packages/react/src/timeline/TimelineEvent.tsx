import {
  type ActivityEvent,
  isStatusNote,
  isSystemEvent,
  type RecordRef,
  refKey,
} from '@activitykit/schema';
import type { ReactNode } from 'react';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { Icon } from '../icons/Icon.tsx';
import { cx } from '../internal/cx.ts';
import {
  actorName,
  categoryInfo,
  eventSentence,
  formatValue,
  initials,
} from '../internal/eventText.ts';

const MAX_CHANGES = 3;

/** Props of {@link TimelineEvent}. */
export interface TimelineEventProps {
  event: ActivityEvent;
  /** The record whose timeline this is (`customer:42`); its own ref is not repeated. */
  record: string;
  onOpenRecord?: ((ref: RecordRef) => void) | undefined;
  className?: string | undefined;
}

function Change({
  path,
  before,
  after,
}: {
  path: string;
  before: unknown;
  after: unknown;
}): ReactNode {
  const { t } = useActivityI18n();
  return (
    <>
      <span className="ak-timeline__path">{path}</span>{' '}
      <span className="ak-timeline__before">{formatValue(before)}</span>{' '}
      <Icon name="chevron" className="ak-arrow" />
      <span className="ak-visually-hidden"> {t('change.to')} </span>{' '}
      <span className="ak-timeline__after">{formatValue(after)}</span>
    </>
  );
}

/** One entry of a record's history: what happened, who did it, when, and what changed. */
export function TimelineEvent({
  event,
  record,
  onOpenRecord,
  className,
}: TimelineEventProps): ReactNode {
  const i18n = useActivityI18n();
  const { t, locale } = i18n;
  const system = isSystemEvent(event);
  const statusNote = isStatusNote(event);
  const note = event.kind === 'note';
  const category = categoryInfo(event.category, locale);
  const name = actorName(event.actor, t('actor.anonymous'));
  const status = statusNote
    ? event.changes?.find((c) => c.path === 'status' || c.path.endsWith('.status'))
    : undefined;
  const otherChanges = (event.changes ?? []).filter((change) => change !== status && !note);
  const related = event.subject && refKey(event.subject) !== record ? event.subject : undefined;
  const relatedLabel = related ? (related.label ?? refKey(related)) : undefined;

  return (
    <li
      className={cx('ak-timeline__event', className)}
      data-kind={event.kind}
      data-system-change={system || undefined}
      data-status-note={statusNote || undefined}
      data-outcome={event.outcome}
    >
      <span className="ak-timeline__marker" title={category.label}>
        <Icon name={note ? 'note' : category.icon} />
      </span>
      <div className="ak-timeline__body">
        <div className="ak-timeline__head">
          {note ? (
            <span className="ak-badge ak-badge--accent">
              <Icon name="note" /> {t('event.note')}
            </span>
          ) : null}
          {statusNote ? (
            <span className="ak-badge ak-badge--warning">
              <Icon name="lock" /> {t('event.statusNote')}
            </span>
          ) : null}
          {system ? (
            <span className="ak-badge ak-badge--system">
              <Icon name="cpu" /> {t('event.systemChange')}
            </span>
          ) : null}
          {event.outcome === 'failure' ? (
            <span className="ak-badge ak-badge--danger">{t('event.failed')}</span>
          ) : null}
          <span className="ak-visually-hidden">{category.label}</span>
        </div>
        <p className={cx('ak-timeline__text', note && 'ak-timeline__text--note')} dir="auto">
          {eventSentence(event, locale)}
        </p>
        {status ? (
          <p className="ak-timeline__status">
            <Change path={t('event.statusNote')} before={status.before} after={status.after} />
          </p>
        ) : null}
        {otherChanges.length > 0 ? (
          <ul className="ak-timeline__changes">
            {otherChanges.slice(0, MAX_CHANGES).map((change) =>
              change.redacted ? (
                <li key={change.path}>
                  <span className="ak-timeline__path">{change.path}</span> ••••
                </li>
              ) : (
                <li key={change.path}>
                  <Change path={change.path} before={change.before} after={change.after} />
                </li>
              ),
            )}
            {otherChanges.length > MAX_CHANGES ? (
              <li className="ak-muted">
                {t('change.more', { count: otherChanges.length - MAX_CHANGES })}
              </li>
            ) : null}
          </ul>
        ) : null}
        <p className="ak-timeline__meta">
          <time
            dateTime={event.occurredAt.toISOString()}
            title={i18n.formatTime(event.occurredAt, 'full')}
            dir="auto"
          >
            {i18n.formatClock(event.occurredAt)}
          </time>
          <span className="ak-timeline__actor">
            <span className="ak-avatar" aria-hidden="true" data-system-change={system || undefined}>
              {system ? <Icon name="cpu" /> : initials(name)}
            </span>
            <bdi className="ak-timeline__actor-name">{name}</bdi>
          </span>
          {related && relatedLabel ? (
            onOpenRecord ? (
              <button
                type="button"
                className="ak-link ak-timeline__ref"
                onClick={() => onOpenRecord(related)}
                aria-label={t('timeline.open', { record: relatedLabel })}
              >
                {relatedLabel}
              </button>
            ) : (
              <span className="ak-timeline__ref">{relatedLabel}</span>
            )
          ) : null}
        </p>
      </div>
    </li>
  );
}
