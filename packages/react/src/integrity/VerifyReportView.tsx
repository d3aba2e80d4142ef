import type { VerifyReport } from '@activitykit/schema';
import type { ReactNode } from 'react';
import { Icon } from '../icons/Icon.tsx';
import { useIntegrityI18n } from './useIntegrityI18n.ts';

/** How event ids named by verify open their rows. */
export interface EventLinks {
  /** Opens an event (the log's detail drawer, SPA navigation). Defaults to none. */
  onOpenEvent?: ((id: string) => void) | undefined;
  /** The URL of an event; ids become real `<a href>`s (clicks still call `onOpenEvent`). Defaults to none. */
  getEventHref?: ((id: string) => string) | undefined;
}

/** The classes of events verify names, in the order the report lists them. */
const CLASSES = ['modified', 'deleted', 'inserted', 'late'] as const;
/** Rows shown at most; the rest are counted ("+120 events"). */
const SHOWN = 200;

/** An event id: a link to its row when it still exists and the panel can open events. */
function EventId({ id, links, gone }: { id: string; links: EventLinks; gone: boolean }): ReactNode {
  const { onOpenEvent, getEventHref } = links;
  if (gone || !(onOpenEvent || getEventHref)) return <span className="ak-integrity-id">{id}</span>;
  const open = onOpenEvent ? () => onOpenEvent(id) : undefined;
  return getEventHref ? (
    <a
      href={getEventHref(id)}
      className="ak-link ak-integrity-id"
      onClick={(click) => {
        if (!open || click.metaKey || click.ctrlKey || click.shiftKey || click.button !== 0) return;
        click.preventDefault();
        open();
      }}
    >
      {id}
    </a>
  ) : (
    <button type="button" className="ak-link ak-integrity-id" onClick={open}>
      {id}
    </button>
  );
}

/**
 * What verify found: a wrong key, invalid and missing checkpoints, the anchor's verdict, and a
 * table of every modified, deleted, inserted and late (benign) event with its checkpoint.
 */
export function VerifyReportView(props: { report: VerifyReport; links: EventLinks }): ReactNode {
  const { report, links } = props;
  const { t, formatTime } = useIntegrityI18n();
  const { anchor, explained } = report;
  const rows = CLASSES.flatMap((kind) =>
    report[kind].map((finding) => ({
      kind,
      ...finding,
      occurredAt: 'occurredAt' in finding ? finding.occurredAt : undefined,
    })),
  );
  const problems = [
    ...(report.wrongKey ? [t('integrity.wrongKey')] : []),
    ...report.invalidCheckpoints.map(({ seq, reason }) => t(`integrity.${reason}`, { seq })),
    ...report.missingCheckpoints.map(({ seq }) => t('integrity.missing', { seq })),
    ...anchor.mismatched.map(({ seq, fields }) =>
      t('integrity.mismatched', { seq, fields: fields.join(', ') }),
    ),
  ];
  return (
    <div className="ak-integrity-report">
      {problems.length > 0 ? (
        <ul className="ak-integrity-problems">
          {problems.map((problem) => (
            <li key={problem}>
              <Icon name="alert" /> {problem}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="ak-integrity-anchor" data-status={anchor.status}>
        <strong>{t('integrity.anchor')}:</strong> {t(`integrity.anchor.${anchor.status}`)}
        {anchor.message ? ` — ${anchor.message}` : null}
      </p>
      {rows.length > 0 ? (
        <table className="ak-integrity-findings">
          <thead>
            <tr>
              <th scope="col">{t('integrity.event')}</th>
              <th scope="col">{t('integrity.class')}</th>
              <th scope="col">{t('integrity.checkpoint')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map((row) => (
              <tr key={`${row.kind}:${row.id}`} data-class={row.kind}>
                <td>
                  <EventId id={row.id} links={links} gone={row.kind === 'deleted'} />
                  {row.occurredAt ? (
                    <time className="ak-muted" dateTime={row.occurredAt.toISOString()}>
                      {formatTime(row.occurredAt)}
                    </time>
                  ) : null}
                </td>
                <td>
                  <span
                    className={`ak-badge ak-badge--${row.kind === 'late' ? 'system' : 'danger'}`}
                  >
                    {t(`integrity.${row.kind}`)}
                  </span>
                </td>
                <td>#{row.seq}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {rows.length > SHOWN ? <p>+{t('event.count', { count: rows.length - SHOWN })}</p> : null}
      {explained.expired + explained.bulkDeleted > 0 ? (
        <p className="ak-integrity-note">{t('integrity.explained', { ...explained })}</p>
      ) : null}
    </div>
  );
}
