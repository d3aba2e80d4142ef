import { type ActivityQueryInput, type Locale, MAX_QUERY_IDS } from '@activitykit/schema';
import { type ReactNode, useState } from 'react';
import { useBulkDelete } from '../data/mutations.ts';
import { Icon } from '../icons/Icon.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import type { LogTranslate } from './messages.ts';
import { formatBytes, type UseExportOptions, useExport } from './useExport.ts';
import type { MatchingEvents } from './useMatchingEvents.ts';

/** Props of {@link BulkBar}. */
export interface BulkBarProps {
  /** The rows the reader ticked. */
  selected: ReadonlySet<string>;
  onClear(): void;
  /** The list's query, for "everything the filters match". */
  query: ActivityQueryInput;
  /** The reader may delete and the view offers it. */
  canDelete: boolean;
  /** How many rows are loaded, and whether that is every row the filters match. */
  total: { loaded: number; complete: boolean };
  /** The reader chose every event the filters match, not only the ticked rows. */
  allMatching: boolean;
  onSelectAllMatching(): void;
  matching: MatchingEvents;
  locale: Locale;
  t: LogTranslate;
  onExport?: UseExportOptions['onExport'];
}

/**
 * Bulk actions (seed 004): export the ticked rows — or, with nothing ticked or after the explicit
 * "select all N matching", everything the filters match — as CSV or PDF, server-side with progress
 * and cancel. Delete exists only for an explicit selection of known events: the ticked rows, or all
 * N matching once every one of them is loaded; the reader confirms by typing N.
 */
export function BulkBar(props: BulkBarProps) {
  const { selected, query, total, allMatching, matching, locale, t } = props;
  const exporter = useExport({ onExport: props.onExport });
  const bulkDelete = useBulkDelete();
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState<number | undefined>();
  const [last, setLast] = useState<'export' | 'delete'>('export');
  const { cursor: _cursor, limit: _limit, ...filter } = query;
  const ticked = [...selected];
  const doomed = allMatching ? (matching.status === 'ready' ? matching.ids : []) : ticked;
  const canDelete = props.canDelete && doomed.length > 0 && doomed.length <= MAX_QUERY_IDS;
  const everything = total.complete && selected.size >= total.loaded;
  const running = exporter.state.status === 'running';

  const run = (format: 'csv' | 'pdf') => {
    setLast('export');
    return exporter.start({
      format,
      locale,
      ...(allMatching || ticked.length === 0 ? { query: filter } : { ids: ticked }),
    });
  };

  return (
    <fieldset className="ak-log-bulk">
      <legend className="ak-visually-hidden">{t('bulk.label')}</legend>
      {selected.size > 0 ? (
        <>
          <span className="ak-log-bulk-count">
            {allMatching ? matchingText(matching, t) : t('bulk.selected', { count: selected.size })}
          </span>
          {!allMatching && props.canDelete && selected.size > MAX_QUERY_IDS ? (
            <span className="ak-log-bulk-note">{t('bulk.tooMany', { max: MAX_QUERY_IDS })}</span>
          ) : null}
          {!allMatching && !everything ? (
            <button
              type="button"
              className="ak-button ak-button--small ak-button--ghost ak-log-bulk-all"
              onClick={props.onSelectAllMatching}
            >
              {total.complete
                ? t('bulk.selectMatching', { count: total.loaded })
                : t('bulk.selectMatchingUnknown')}
            </button>
          ) : null}
          <button
            type="button"
            className="ak-button ak-button--small ak-button--ghost"
            onClick={props.onClear}
          >
            {t('bulk.clear')}
          </button>
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
      {canDelete ? (
        <button
          type="button"
          className="ak-button ak-button--small ak-button--danger"
          disabled={bulkDelete.isPending}
          onClick={() => setConfirming(true)}
        >
          <Icon name="trash" /> {t('bulk.deleteCount', { count: doomed.length })}
        </button>
      ) : null}
      <span role="status" className="ak-log-bulk-status">
        {last === 'delete'
          ? bulkDelete.isError
            ? t('bulk.deleteFailed', { message: bulkDelete.error.message })
            : deleted !== undefined
              ? t('bulk.deleted', { count: deleted })
              : ''
          : exportStatus(exporter, locale, t)}
      </span>
      {canDelete || confirming ? (
        <ConfirmDialog
          open={confirming}
          title={t('bulk.confirmTitle', { count: doomed.length })}
          message={t('bulk.confirmMessage', { count: doomed.length })}
          typeToConfirm={{
            text: String(doomed.length),
            label: t('bulk.confirmType', { digits: String(doomed.length) }),
          }}
          confirmLabel={t('bulk.confirm', { count: doomed.length })}
          cancelLabel={t('bulk.cancel')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            setDeleted(undefined);
            setLast('delete');
            bulkDelete.mutate(
              { ids: doomed },
              {
                onSuccess: (result) => {
                  setDeleted(result.deleted);
                  props.onClear();
                },
              },
            );
          }}
        />
      ) : null}
    </fieldset>
  );
}

/** The "all N matching" line: counting, the count, or why there is none. */
function matchingText(matching: MatchingEvents, t: LogTranslate): string {
  switch (matching.status) {
    case 'ready':
      return t('bulk.allMatching', { count: matching.ids.length });
    case 'tooMany':
      return t('bulk.tooMany', { max: matching.max });
    case 'failed':
      return t('bulk.countFailed');
    default:
      return t('bulk.counting');
  }
}

function exportStatus(
  exporter: ReturnType<typeof useExport>,
  locale: Locale,
  t: LogTranslate,
): ReactNode {
  const { state } = exporter;
  if (state.status === 'running') {
    return (
      <>
        <span className="ak-spinner" aria-hidden="true" />{' '}
        {state.bytes === 0
          ? t('bulk.preparing')
          : t('bulk.exporting', { size: formatBytes(state.bytes, locale) })}{' '}
        <button
          type="button"
          className="ak-button ak-button--small ak-button--ghost"
          onClick={exporter.cancel}
        >
          {t('bulk.cancel')}
        </button>
      </>
    );
  }
  if (state.status === 'done') return t('bulk.exported', { file: state.filename });
  if (state.status === 'error') return t('bulk.exportFailed', { message: state.message });
  return '';
}
