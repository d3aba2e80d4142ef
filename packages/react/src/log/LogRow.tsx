import type { ActivityEvent, CategoryRegistry, RecordRef } from '@activitykit/schema';
import { memo, type ReactNode } from 'react';
import type { ActivityI18n } from '../i18n/createI18n.ts';
import { Icon, kindIcon } from '../icons/Icon.tsx';
import { eventSentence, recordName } from '../internal/eventText.ts';
import type { ActivityLogColumnId } from './columns.ts';
import type { LogMessageKey, LogTranslate } from './messages.ts';

/** Stable callbacks and shared formatters of every row (one object, so rows stay memoized). */
export interface RowContext {
  t: LogTranslate;
  i18n: ActivityI18n;
  categories: CategoryRegistry;
  onToggle(id: string, range: boolean): void;
  onOpen(id: string): void;
  onActivate(id: string): void;
  /** Shows or hides the events of a batch (one user action). */
  onToggleBatch(key: string, open: boolean): void;
  onOpenRecord: ((ref: RecordRef, event: ActivityEvent) => void) | undefined;
  /** Whether an event is sealed by its tenant's last checkpoint; `undefined`: show no lock. */
  sealed?: ((event: ActivityEvent) => boolean) | undefined;
  measure(node: HTMLElement | null): void;
}

/** Props of {@link LogRow}. */
export interface LogRowProps {
  event: ActivityEvent;
  index: number;
  columns: readonly ActivityLogColumnId[];
  selected: boolean;
  active: boolean;
  context: RowContext;
  /** Changes once a minute so relative times stay fresh. */
  minute: number;
  /** The key of the opened batch the event is shown in. */
  batch?: string | undefined;
}

/** The last characters of a ULID: enough to tell rows apart at a glance. */
export const shortId = (id: string): string => `…${id.slice(-8)}`;

const described = new WeakMap<ActivityEvent, { locale: string; text: string }>();

/**
 * The plain-language sentence of an event in the viewer's language (see `eventSentence`),
 * remembered per event, so scrolling back over rows does not describe them again.
 */
export function eventDescription(event: ActivityEvent, i18n: ActivityI18n): string {
  const cached = described.get(event);
  if (cached?.locale === i18n.locale) return cached.text;
  const text = eventSentence(event, i18n.locale);
  described.set(event, { locale: i18n.locale, text });
  return text;
}

/**
 * Who acted, as shown in the log: the name, else the e-mail or id; `System` for system events and
 * `Anonymous` for anonymous ones (in the reader's language).
 */
export function actorLabel(event: ActivityEvent, t: LogTranslate): string {
  const { actor } = event;
  if (actor.type === 'system' && !actor.name) return t('row.system');
  if (actor.type === 'anonymous' && !actor.name && !actor.email) return t('row.anonymous');
  return actor.name ?? actor.email ?? actor.id ?? t('row.unknownUser');
}

/** The second line under an actor: the role, else the kind of an API key (not for people). */
export function actorRole(event: ActivityEvent, t: LogTranslate): string | undefined {
  const { actor } = event;
  if (actor.role) return roleLabel(actor.role, t);
  return actor.type === 'api_key' ? roleLabel(actor.type, t) : undefined;
}

function Cell(props: { column: ActivityLogColumnId; children: ReactNode }) {
  return (
    <td className="ak-log-cell" data-column={props.column}>
      {props.children}
    </td>
  );
}

function renderCell(column: ActivityLogColumnId, props: LogRowProps): ReactNode {
  const { event, context } = props;
  const { t, i18n } = context;
  switch (column) {
    case 'id': {
      // The seal lock: only when the source reports integrity.
      const sealed = context.sealed?.(event);
      return (
        <>
          {sealed === undefined ? null : (
            <Icon
              name={sealed ? 'lock' : 'unlock'}
              className="ak-log-seal"
              data-sealed={sealed}
              label={i18n.t(sealed ? 'integrity.sealed' : 'integrity.notSealed')}
            />
          )}
          <span className="ak-log-mono" dir="ltr" title={event.id}>
            {shortId(event.id)}
          </span>
        </>
      );
    }
    case 'time':
      return (
        <time
          dateTime={event.occurredAt.toISOString()}
          className="ak-log-time"
          title={i18n.formatTime(event.occurredAt, 'full')}
        >
          <span>{i18n.formatTime(event.occurredAt, 'absolute')}</span>
          <span className="ak-log-muted">{i18n.formatTime(event.occurredAt, 'relative')}</span>
        </time>
      );
    case 'user':
      return (
        <span className="ak-log-stack">
          <span
            className="ak-log-ellipsis"
            data-system={event.actor.type === 'system' || undefined}
          >
            {actorLabel(event, t)}
          </span>
          {actorRole(event, t) ? <span className="ak-log-muted">{actorRole(event, t)}</span> : null}
        </span>
      );
    case 'action':
      return (
        <span className="ak-log-action" data-kind={event.kind} data-outcome={event.outcome}>
          <Icon name={kindIcon(event.kind)} />
          <span className="ak-log-ellipsis ak-log-mono" dir="ltr">
            {event.action}
          </span>
        </span>
      );
    case 'description':
      return <Description {...props} />;
    case 'ip':
      return (
        <span className="ak-log-mono" dir="ltr">
          {event.context.ip ?? '—'}
        </span>
      );
    case 'category':
      return (
        <span className="ak-log-ellipsis">
          {context.categories.get(event.category)?.label[i18n.locale] ?? event.category}
        </span>
      );
    case 'location':
      return <span className="ak-log-ellipsis">{event.context.location ?? '—'}</span>;
    case 'view':
      return (
        <button
          type="button"
          tabIndex={-1}
          className="ak-log-icon-button"
          aria-label={t('row.view', { id: event.id })}
          onClick={(click) => {
            click.stopPropagation();
            context.onOpen(event.id);
          }}
        >
          <Icon name="eye" />
        </button>
      );
  }
}

function Description({ event, context }: LogRowProps) {
  const text = eventDescription(event, context.i18n);
  const { subject } = event;
  const { onOpenRecord } = context;
  return (
    <span className="ak-log-description">
      {subject && onOpenRecord ? (
        <button
          type="button"
          tabIndex={-1}
          className="ak-log-ref"
          onClick={(click) => {
            click.stopPropagation();
            onOpenRecord(subject, event);
          }}
        >
          {recordName(subject, context.t('title'))}
        </button>
      ) : null}
      {event.outcome === 'failure' ? (
        <span className="ak-badge ak-badge--danger">{context.t('outcome.failure')}</span>
      ) : null}
      <span className="ak-log-ellipsis" title={text}>
        {text}
      </span>
    </span>
  );
}

/**
 * A role (or an actor type: user, system, API key, anonymous) as the log shows it: translated when
 * the log knows it, else the role itself.
 */
export function roleLabel(role: string, t: LogTranslate): string {
  const key = `role.${role}` as LogMessageKey;
  const label = t(key);
  return label === key ? role : label;
}

/**
 * One row of the log's grid. Memoized: selecting a row re-renders only that row; positions are
 * written to the DOM by the virtualizer, not through props.
 */
export const LogRow = memo(function LogRow(props: LogRowProps) {
  const { event, index, columns, selected, active, context } = props;
  return (
    <tr
      ref={context.measure}
      data-index={index}
      data-event-id={event.id}
      data-kind={event.kind}
      data-batch={props.batch}
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={active ? 0 : -1}
      className="ak-log-row"
      onClick={() => context.onActivate(event.id)}
      onDoubleClick={() => context.onOpen(event.id)}
    >
      <td className="ak-log-cell ak-log-select">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={selected}
          aria-label={context.t('row.select', { id: event.id })}
          onClick={(click) => {
            click.stopPropagation();
            context.onToggle(event.id, click.shiftKey);
          }}
          onChange={() => {}}
        />
      </td>
      {columns.map((column) => (
        <Cell key={column} column={column}>
          {renderCell(column, props)}
        </Cell>
      ))}
    </tr>
  );
});
