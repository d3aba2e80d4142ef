import type { LogTranslate } from './messages.ts';

/** Props of {@link TableFooter}. */
export interface TableFooterProps {
  loadFailed: boolean;
  loadingMore: boolean;
  hasMore: boolean;
  onRetry(): void;
  t: LogTranslate;
}

/** Under the rows: "Loading more…", a retry after a failed page, or "End of the log" (a status region). */
export function TableFooter({ loadFailed, loadingMore, hasMore, onRetry, t }: TableFooterProps) {
  return (
    <div className="ak-log-footer" role="status">
      {loadFailed && !loadingMore ? (
        <>
          {t('state.error')}{' '}
          <button type="button" className="ak-button ak-button--small" onClick={onRetry}>
            {t('state.retry')}
          </button>
        </>
      ) : loadingMore ? (
        t('state.loadingMore')
      ) : hasMore ? (
        ''
      ) : (
        t('state.end')
      )}
    </div>
  );
}
