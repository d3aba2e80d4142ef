import { parseSearch, SchemaError } from '@activitykit/schema';
import { type Ref, useEffect, useId, useRef, useState } from 'react';
import type { LogTranslate } from './messages.ts';

/** A search-syntax error with the offending text's place in the input. */
export interface SearchError {
  message: string;
  /** Zero-based offset into the search text. */
  position?: number | undefined;
  length?: number | undefined;
}

/** Props of {@link SearchBox}. */
export interface SearchBoxProps {
  /** The applied search text. */
  value: string;
  /** Called with a search text that parses (or `''`). */
  onSubmit(value: string): void;
  /** Time zone for dates without an offset. */
  timeZone: string;
  /** An error the source reported for the applied text (e.g. a server-side 400 with a position). */
  serverError?: SearchError | undefined;
  t: LogTranslate;
  inputRef?: Ref<HTMLInputElement>;
  /** Milliseconds of typing pause before a valid search applies itself. Defaults to `500`. */
  debounceMs?: number;
}

/** Parses `text` with the schema's search syntax: `undefined` when it is valid. */
export function checkSearch(text: string, timeZone: string): SearchError | undefined {
  if (text.trim() === '') return undefined;
  try {
    parseSearch(text, { timeZone });
    return undefined;
  } catch (error) {
    if (error instanceof SchemaError) {
      return { message: error.message, position: error.position, length: error.length };
    }
    return { message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The search-syntax box (`actor:alice kind:delete "refund"`). It checks the text as you type and
 * shows an error under the input with the offending token marked at its position; a valid search
 * applies after a pause or on Enter.
 */
export function SearchBox(props: SearchBoxProps) {
  const { value, onSubmit, timeZone, serverError, t, inputRef, debounceMs = 500 } = props;
  const [draft, setDraft] = useState(value);
  const [applied, setApplied] = useState(value);
  const id = useId();
  const local = useRef<HTMLInputElement | null>(null);
  if (value !== applied) {
    setApplied(value);
    setDraft(value);
  }
  const localError = checkSearch(draft, timeZone);
  const error = localError ?? (draft === value ? serverError : undefined);

  useEffect(() => {
    if (draft === value || checkSearch(draft, timeZone)) return;
    const timer = setTimeout(() => onSubmit(draft.trim() === '' ? '' : draft), debounceMs);
    return () => clearTimeout(timer);
  }, [draft, value, timeZone, onSubmit, debounceMs]);

  const submit = () => {
    const problem = checkSearch(draft, timeZone);
    if (problem?.position !== undefined) {
      local.current?.setSelectionRange(
        problem.position,
        problem.position + Math.max(1, problem.length ?? 1),
      );
      return;
    }
    if (!problem) onSubmit(draft.trim() === '' ? '' : draft);
  };

  const setRefs = (node: HTMLInputElement | null) => {
    local.current = node;
    if (typeof inputRef === 'function') inputRef(node);
    else if (inputRef) inputRef.current = node;
  };

  return (
    <div className="ak-log-search" data-invalid={error ? '' : undefined}>
      <label htmlFor={`${id}-input`} className="ak-label">
        {t('search.label')}
      </label>
      <input
        ref={setRefs}
        id={`${id}-input`}
        type="search"
        className="ak-input ak-log-search-input"
        value={draft}
        spellCheck={false}
        autoComplete="off"
        placeholder={t('search.placeholder')}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-keyshortcuts="/"
        onChange={(event) => setDraft(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            submit();
          } else if (event.key === 'Escape' && draft !== value) {
            event.preventDefault();
            setDraft(value);
          }
        }}
      />
      {error ? <SearchErrorLine id={`${id}-error`} text={draft} error={error} t={t} /> : null}
    </div>
  );
}

function SearchErrorLine(props: { id: string; text: string; error: SearchError; t: LogTranslate }) {
  const { id, text, error, t } = props;
  const { position } = error;
  const located = position !== undefined && position <= text.length;
  const length = Math.max(1, error.length ?? 1);
  return (
    <div id={id} className="ak-log-search-error" role="alert">
      {located ? (
        <code className="ak-log-search-echo" aria-hidden="true" data-testid="search-error-echo">
          {text.slice(0, position)}
          <mark>{text.slice(position, position + length) || ' '}</mark>
          {text.slice(position + length)}
        </code>
      ) : null}
      <span>
        {located
          ? t('search.errorAt', { column: position + 1, message: error.message })
          : error.message}
      </span>
    </div>
  );
}
