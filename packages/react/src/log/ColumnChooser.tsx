import { useRef } from 'react';
import { Icon } from '../icons/Icon.tsx';
import {
  ACTIVITY_LOG_COLUMN_IDS,
  ACTIVITY_LOG_COLUMNS,
  type ActivityLogColumnId,
  DEFAULT_ACTIVITY_LOG_COLUMNS,
  moveColumn,
} from './columns.ts';
import type { LogTranslate } from './messages.ts';
import { useDismiss } from './useDismiss.ts';

/** Props of {@link ColumnChooser}. */
export interface ColumnChooserProps {
  columns: readonly ActivityLogColumnId[];
  onChange(columns: ActivityLogColumnId[]): void;
  t: LogTranslate;
}

/**
 * Chooses and orders the log's columns: a checkbox per column, "move up / down" buttons for the
 * shown ones, and a reset. At least one column stays shown.
 */
export function ColumnChooser({ columns, onChange, t }: ColumnChooserProps) {
  const details = useRef<HTMLDetailsElement>(null);
  useDismiss(details);
  const hidden = ACTIVITY_LOG_COLUMN_IDS.filter((id) => !columns.includes(id));
  const ordered = [...columns, ...hidden];
  return (
    <details ref={details} className="ak-log-columns ak-log-multi">
      <summary className="ak-button ak-button--small">{t('columns.choose')}</summary>
      <fieldset className="ak-log-multi-list ak-log-column-list">
        <legend className="ak-visually-hidden">{t('columns.choose')}</legend>
        <ul>
          {ordered.map((id) => {
            const shown = columns.indexOf(id);
            const label = t(ACTIVITY_LOG_COLUMNS[id].label);
            return (
              <li key={id}>
                <label className="ak-log-check">
                  <input
                    type="checkbox"
                    className="ak-checkbox"
                    checked={shown >= 0}
                    disabled={shown >= 0 && columns.length === 1}
                    onChange={(event) =>
                      onChange(
                        event.currentTarget.checked
                          ? [...columns, id]
                          : columns.filter((column) => column !== id),
                      )
                    }
                  />
                  <span>{label}</span>
                </label>
                {shown >= 0 ? (
                  <span className="ak-log-column-moves">
                    <button
                      type="button"
                      className="ak-button ak-button--ghost ak-button--small"
                      aria-label={t('columns.moveUp', { column: label })}
                      disabled={shown === 0}
                      onClick={() => onChange(moveColumn(columns, { index: shown, offset: -1 }))}
                    >
                      <Icon name="chevron" className="ak-log-up" />
                    </button>
                    <button
                      type="button"
                      className="ak-button ak-button--ghost ak-button--small"
                      aria-label={t('columns.moveDown', { column: label })}
                      disabled={shown === columns.length - 1}
                      onClick={() => onChange(moveColumn(columns, { index: shown, offset: 1 }))}
                    >
                      <Icon name="chevron" className="ak-log-down" />
                    </button>
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
        <button
          type="button"
          className="ak-button ak-button--small"
          onClick={() => onChange([...DEFAULT_ACTIVITY_LOG_COLUMNS])}
        >
          {t('columns.reset')}
        </button>
      </fieldset>
    </details>
  );
}
