import { type ActivityEvent, type Change, diff, MORE_CHANGES_PATH } from '@activitykit/schema';
import type { LogTranslate } from './messages.ts';

/** A value of a change as text: strings as they are, everything else as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The field-level changes to show for an event: its own `changes`, or for a delete with a
 * snapshot and no changes, every field of the snapshot as a "before" value (via the schema's
 * `diff`), so the deleted record's content is visible path by path.
 */
export function changesOf(event: ActivityEvent): Change[] {
  if (event.changes?.length) return event.changes;
  if (event.snapshot) return diff(event.snapshot, null);
  return [];
}

/** Props of {@link DiffTable}. */
export interface DiffTableProps {
  changes: readonly Change[];
  t: LogTranslate;
}

/** The before / after table of an event's changes, one row per path. */
export function DiffTable({ changes, t }: DiffTableProps) {
  if (changes.length === 0) return <p className="ak-muted">{t('detail.noChanges')}</p>;
  const more = changes.find((change) => change.path === MORE_CHANGES_PATH);
  const rows = changes.filter((change) => change.path !== MORE_CHANGES_PATH);
  return (
    <>
      <table className="ak-log-diff">
        <thead>
          <tr>
            <th scope="col">{t('detail.path')}</th>
            <th scope="col">{t('detail.before')}</th>
            <th scope="col">{t('detail.after')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((change) => (
            <tr key={change.path} data-change={changeType(change)}>
              <th scope="row" className="ak-log-mono">
                {change.path}
              </th>
              {change.redacted ? (
                <td colSpan={2} className="ak-muted">
                  {t('detail.redacted')}
                </td>
              ) : (
                <>
                  <td>
                    {change.before !== undefined ? (
                      <del className="ak-log-before">{formatValue(change.before)}</del>
                    ) : null}
                  </td>
                  <td>
                    {change.after !== undefined ? (
                      <ins className="ak-log-after">{formatValue(change.after)}</ins>
                    ) : null}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {more ? (
        <p className="ak-muted">{t('detail.more', { count: Number(more.after) || 0 })}</p>
      ) : null}
    </>
  );
}

function changeType(change: Change): 'added' | 'removed' | 'changed' {
  if (change.before === undefined) return 'added';
  if (change.after === undefined) return 'removed';
  return 'changed';
}
