import type { HTMLAttributes, ReactNode } from 'react';
import { ActivitySourceError, isDeniedError } from '../data/source.ts';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { Icon } from '../icons/Icon.tsx';
import { cx } from '../internal/cx.ts';

/** Which state a panel shows. */
export type StateKind = 'loading' | 'empty' | 'error' | 'denied';

/** Props of {@link StatePanel}. */
export interface StatePanelProps extends Omit<HTMLAttributes<HTMLDivElement>, 'title'> {
  kind: StateKind;
  /** The headline. Defaults to the shared message of the kind. */
  title?: ReactNode;
  /** A second line. Defaults to the error's message (error) or an access hint (denied). */
  description?: ReactNode;
  /** The error behind an `error` or `denied` panel. */
  error?: unknown;
  /** Shows a "Try again" button on `error` panels. */
  onRetry?: () => void;
  /** A smaller, inline variant (inside a list or a card). Defaults to `false`. */
  compact?: boolean;
}

const ICONS = { loading: 'clock', empty: 'inbox', error: 'alert', denied: 'lock' } as const;

/**
 * The loading, empty, error and permission-denied states every component of the kit shows.
 * Loading and empty panels are polite live regions; error panels are alerts.
 *
 * @example
 * ```tsx
 * if (query.isPending) return <StatePanel kind="loading" />;
 * if (query.error) return <StatePanel kind={stateOfError(query.error)} error={query.error} onRetry={() => query.refetch()} />;
 * ```
 */
export function StatePanel(props: StatePanelProps): ReactNode {
  const {
    kind,
    title,
    description,
    error,
    onRetry,
    compact = false,
    className,
    children,
    ...rest
  } = props;
  const { t } = useActivityI18n();
  const unauthorized = error instanceof ActivitySourceError && error.code === 'UNAUTHORIZED';
  const headline =
    title ??
    (kind === 'loading'
      ? t('state.loading')
      : kind === 'empty'
        ? t('state.empty')
        : kind === 'error'
          ? t('state.error')
          : unauthorized
            ? t('state.unauthorized')
            : t('state.denied'));
  const detail =
    description ??
    (kind === 'error' && error instanceof Error
      ? t('state.errorDetail', { message: error.message })
      : kind === 'denied' && !unauthorized
        ? t('state.deniedDetail')
        : undefined);
  return (
    <div
      className={cx('ak-state', compact && 'ak-state--compact', className)}
      data-state={kind}
      role={kind === 'error' ? 'alert' : 'status'}
      aria-busy={kind === 'loading' || undefined}
      {...rest}
    >
      <span className="ak-state__icon">
        {kind === 'loading' ? (
          <span className="ak-spinner" aria-hidden="true" />
        ) : (
          <Icon name={ICONS[kind]} />
        )}
      </span>
      <p className="ak-state__title">{headline}</p>
      {detail ? <p className="ak-state__detail">{detail}</p> : null}
      {kind === 'error' && onRetry ? (
        <button type="button" className="ak-button" onClick={onRetry}>
          <Icon name="refresh" /> {t('action.retry')}
        </button>
      ) : null}
      {children}
    </div>
  );
}

/**
 * The panel kind for a failed request: `denied` for 401/403, else `error`.
 *
 * @example
 * ```ts
 * stateOfError(new ActivitySourceError('FORBIDDEN', 'no')); // 'denied'
 * ```
 */
export function stateOfError(error: unknown): 'denied' | 'error' {
  return isDeniedError(error) ? 'denied' : 'error';
}
