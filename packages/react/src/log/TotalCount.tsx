import type { LogTranslate } from './messages.ts';

/** Props of {@link TotalCount}. */
export interface TotalCountProps {
  /** Rows loaded (live ones included). */
  loaded: number;
  /** Whether that is every matching event (no further page). */
  complete: boolean;
  t: LogTranslate;
}

/**
 * How many events match: exact ("1,234 events") once every page is loaded, else a lower bound
 * ("100+ events") — the sources page with cursors and tell no total, which would cost a count
 * over the whole filtered log on every change.
 */
export function TotalCount({ loaded, complete, t }: TotalCountProps) {
  const text = !complete
    ? t('total.more', { count: loaded })
    : loaded === 1
      ? t('total.one')
      : t('total.exact', { count: loaded });
  return <span className="ak-log-total">{text}</span>;
}
