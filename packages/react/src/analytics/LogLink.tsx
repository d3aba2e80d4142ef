import type { ActivityQueryInput } from '@activitykit/schema';
import { createContext, type ReactNode, useContext } from 'react';
import { cx } from '../internal/cx.ts';

/** How analytics link to the filtered log: a URL maker, a navigation callback, or both. */
export interface LogNavigation {
  /** Called with the log query when a link is followed (SPA navigation). */
  onNavigate?: ((query: ActivityQueryInput) => void) | undefined;
  /** The URL of the log filtered by a query (renders real links that open in a new tab too). */
  getLogHref?: ((query: ActivityQueryInput) => string) | undefined;
  /** The analytics' own filter, which every link narrows. */
  base: ActivityQueryInput;
}

/** @internal */
export const LogNavigationContext = createContext<LogNavigation>({ base: {} });

/** The log query of a drill-down: the analytics filter narrowed, without paging fields. */
export function drillDown(
  base: ActivityQueryInput,
  narrow: ActivityQueryInput,
): ActivityQueryInput {
  const { cursor: _cursor, limit: _limit, ...rest } = base;
  const query: ActivityQueryInput = { ...rest, ...narrow };
  // A period preset wins over from/to: an explicit range replaces it.
  if (narrow.from || narrow.to) delete query.preset;
  return query;
}

/**
 * A link to the log filtered by `query` (narrowing the analytics filter): an `<a href>` when
 * `getLogHref` is given (clicks also call `onNavigate`), a link-styled button with only
 * `onNavigate`, plain text with neither.
 */
export function LogLink(props: {
  query: ActivityQueryInput;
  children: ReactNode;
  className?: string;
  label?: string;
}): ReactNode {
  const { onNavigate, getLogHref, base } = useContext(LogNavigationContext);
  const query = drillDown(base, props.query);
  const className = cx('ak-link', props.className);
  if (getLogHref) {
    return (
      <a
        href={getLogHref(query)}
        className={className}
        aria-label={props.label}
        onClick={(event) => {
          if (!onNavigate || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0)
            return;
          event.preventDefault();
          onNavigate(query);
        }}
      >
        {props.children}
      </a>
    );
  }
  if (onNavigate) {
    return (
      <button
        type="button"
        className={className}
        aria-label={props.label}
        onClick={() => onNavigate(query)}
      >
        {props.children}
      </button>
    );
  }
  return <span className={props.className}>{props.children}</span>;
}
