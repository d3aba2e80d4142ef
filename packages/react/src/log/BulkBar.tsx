import type { ActivityQueryInput, Locale } from '@activitykit/schema';
import { useState } from 'react';
import { useBulkDelete } from '../data/mutations.ts';
import { Icon } from '../icons/Icon.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import type { LogTranslate } from './messages.ts';
import { formatBytes, type UseExportOptions, useExport } from './useExport.ts';

/** Props of {@link BulkBar}. */
export interface BulkBarProps {
  selected: ReadonlySet<string>;
  onClear(): void;
  /** The list's query, for "everything the filters match". */
  query: ActivityQueryInput;
  canDelete: boolean;
  locale: Locale;
  t: LogTranslate;
  onExport?: UseExportOptions['onExport'];
  /** Called after a successful delete with how many events went. */
  onDeleted?(count: number): void;
}

type Scope = 'selection' | 'all';

/**
 * Bulk actions (seed 004): export the selection or everything the filters match as CSV or PDF,
 * server-side with progress and cancel; delete with a confirmation when the scope allows it.
 */
export function BulkBar(props: BulkBarProps) {
  const { selected, query, canDelete, locale, t } = props;
  const [chosen, setScope] = useState<Scope>('selection');
  const scope: Scope = selected.size === 0 ? 'all' : chosen;
  const exporter = useExport({ onExport: props.onExport });
  const bulkDelete = useBulkDelete();
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState<number | undefined>();
  const [last, setLast] = useState<'export' | 'delete'>('export');
  const { cursor: _cursor, limit: _limit, ...filter } = query;
  const ids = [...selected];
  const target = scope === 'selection' ? { ids } : { query: filter };
  const running = exporter.state.status === 'running';

  const run = (format: 'csv' | 'pdf') => {
    setLast('export');
    return exporter.start({
      format,
      locale,
      ...(scope === 'selection' ? { ids } : { query: filter }),
    });
  };

  return (
    <fieldset className="ak-log-bulk">
      <legend className="ak-visually-hidden">{t('bulk.label')}</legend>
      {selected.size > 0 ? (
        <>
          <span className="ak-log-bulk-count">{t('bulk.selected', { count: selected.size })}</span>
          <button
            type="button"
            className="ak-button ak-button--small ak-button--ghost"
            onClick={props.onClear}
          >
            {t('bulk.clear')}
          </button>
          <label className="ak-log-bulk-scope">
            <span className="ak-visually-hidden">{t('bulk.scope')}</span>
            <select
              className="ak-select"
              value={scope}
              onChange={(event) => setScope(event.currentTarget.value as Scope)}
            >
              <option value="selection">
                {t('bulk.scopeSelection', { count: selected.size })}
              </option>
              <option value="all">{t('bulk.scopeAll')}</option>
            </select>
          </label>
        </>
      ) : null}
      <button
        type="button"
        className="ak-button ak-button--small"
        disabled={running}
        onClick={() => run('csv')}
      >
        <Icon name="download" /> {t('bulk.exportCsv')}
      </button>
      <button
        type="button"
        className="ak-button ak-button--small"
        disabled={running}
        onClick={() => run('pdf')}
      >
        <Icon name="download" /> {t('bulk.exportPdf')}
      </button>
      {canDelete && (scope === 'all' || selected.size > 0) ? (
        <button
          type="button"
          className="ak-button ak-button--small ak-button--danger"
          disabled={bulkDelete.isPending}
          onClick={() => setConfirming(true)}
        >
          <Icon name="trash" /> {t('bulk.delete')}
        </button>
      ) : null}
      <span role="status" className="ak-log-bulk-status">
        {last === 'delete' ? (
          bulkDelete.isError ? (
            t('bulk.deleteFailed', { message: bulkDelete.error.message })
          ) : deleted !== undefined ? (
            t('bulk.deleted', { count: deleted })
          ) : (
            ''
          )
        ) : exporter.state.status === 'running' ? (
          <>
            <span className="ak-spinner" aria-hidden="true" />{' '}
            {t('bulk.exporting', { size: formatBytes(exporter.state.bytes, locale) })}{' '}
            <button
              type="button"
              className="ak-button ak-button--small ak-button--ghost"
              onClick={exporter.cancel}
            >
              {t('bulk.cancel')}
            </button>
          </>
        ) : exporter.state.status === 'done' ? (
          t('bulk.exported', { file: exporter.state.filename })
        ) : exporter.state.status === 'error' ? (
          t('bulk.exportFailed', { message: exporter.state.message })
        ) : (
          ''
        )}
      </span>
      <ConfirmDialog
        open={confirming}
        title={t('bulk.confirmTitle')}
        message={
          scope === 'selection'
            ? t('bulk.confirmSelection', { count: selected.size })
            : t('bulk.confirmAll')
        }
        confirmLabel={t('bulk.confirm')}
        cancelLabel={t('bulk.cancel')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          setDeleted(undefined);
          setLast('delete');
          bulkDelete.mutate(target, {
            onSuccess: (result) => {
              setDeleted(result.deleted);
              props.onClear();
              props.onDeleted?.(result.deleted);
            },
          });
        }}
      />
    </fieldset>
  );
}
