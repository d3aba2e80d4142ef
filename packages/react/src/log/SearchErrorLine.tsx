import type { ReactNode } from 'react';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import type { SearchError } from './searchError.ts';
import { describeSearchProblem } from './searchMessages.ts';

/** Props of {@link SearchErrorLine}. */
export interface SearchErrorLineProps {
  id: string;
  /** The search text the error is about. */
  text: string;
  error: SearchError;
}

/**
 * A search error under the box: the text with the offending token marked, and the problem in the
 * reader's language (from the error's reason and parameters; the server's English message when it
 * sent none), its place counted in characters from 1.
 */
export function SearchErrorLine(props: SearchErrorLineProps): ReactNode {
  const { id, text, error } = props;
  const i18n = useActivityI18n();
  const { position } = error;
  const located = position !== undefined && position <= text.length;
  const length = Math.max(1, error.length ?? 1);
  const wording = error.search
    ? describeSearchProblem(error.search, located ? position : undefined, i18n)
    : error.message;
  return (
    <div id={id} className="ak-log-search-error" role="alert">
      {located ? (
        <code className="ak-log-search-echo" aria-hidden="true" data-testid="search-error-echo">
          {text.slice(0, position)}
          <mark>{text.slice(position, position + length) || ' '}</mark>
          {text.slice(position + length)}
        </code>
      ) : null}
      <span>{wording}</span>
    </div>
  );
}
