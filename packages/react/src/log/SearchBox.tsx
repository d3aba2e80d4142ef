import { parseSearch, SchemaError } from '@activitykit/schema';
import { type Ref, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { ActorSuggestionList } from './ActorSuggestionList.tsx';
import { actorTokenAt, replaceActorToken } from './actorToken.ts';
import { roleLabel } from './LogRow.tsx';
import type { LogTranslate } from './messages.ts';
import { SearchErrorLine } from './SearchErrorLine.tsx';
import type { SearchError } from './searchError.ts';
import { searchTranslator } from './searchMessages.ts';
import { useActorCombobox } from './useActorCombobox.ts';

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
      const { message, position, length, search } = error;
      return { message, position, length, search };
    }
    return { message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The search-syntax box (`actor:alice kind:delete "refund"`). It checks the text as you type and
 * shows an error under the input with the offending token marked at its position; a valid search
 * applies after a pause or on Enter. While the text has an error, the results shown are those of
 * the previous search: the box says so (and `data-stale` lets the log dim them). Typing after
 * `actor:` suggests users (a combobox: ↓ ↑ to choose, Enter to pick, Escape to close).
 */
export function SearchBox(props: SearchBoxProps) {
  const { value, onSubmit, timeZone, serverError, t, inputRef, debounceMs = 500 } = props;
  const i18n = useActivityI18n();
  const [draft, setDraft] = useState(value);
  const [applied, setApplied] = useState(value);
  const [caret, setCaret] = useState<number | null>(null);
  const id = useId();
  const local = useRef<HTMLInputElement | null>(null);
  const movedCaret = useRef<number | null>(null);
  if (value !== applied) {
    setApplied(value);
    setDraft(value);
  }
  const localError = checkSearch(draft, timeZone);
  const error = localError ?? (draft === value ? serverError : undefined);
  const stale = localError !== undefined && draft !== value;
  const token = caret === null ? undefined : actorTokenAt(draft, caret);
  const combobox = useActorCombobox({
    prefix: token && token.prefix.trim() !== '' ? token.prefix : undefined,
    onPick: (suggestion) => {
      if (!token) return;
      const next = replaceActorToken(draft, token, suggestion.value);
      movedCaret.current = next.caret;
      setDraft(next.text);
      setCaret(next.caret);
    },
  });

  useLayoutEffect(() => {
    if (movedCaret.current === null || !local.current) return;
    local.current.setSelectionRange(movedCaret.current, movedCaret.current);
    movedCaret.current = null;
  });

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
  const described = [error ? `${id}-error` : '', stale ? `${id}-stale` : ''].filter(Boolean);

  return (
    <div
      className="ak-log-search"
      data-invalid={error ? '' : undefined}
      data-stale={stale ? '' : undefined}
    >
      <label htmlFor={`${id}-input`} className="ak-label">
        {t('search.label')}
      </label>
      <div className="ak-log-search-field">
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
          aria-describedby={described.length ? described.join(' ') : undefined}
          aria-keyshortcuts="/"
          {...combobox.inputProps}
          onChange={(event) => {
            setDraft(event.currentTarget.value);
            setCaret(event.currentTarget.selectionStart);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onBlur={() => combobox.close()}
          onKeyDown={(event) => {
            if (combobox.onKeyDown(event)) return;
            if (event.key === 'Enter') {
              event.preventDefault();
              submit();
            } else if (event.key === 'Escape' && draft !== value) {
              event.preventDefault();
              setDraft(value);
            }
          }}
        />
        <ActorSuggestionList combobox={combobox} roleLabel={(role) => roleLabel(role, t)} />
      </div>
      {error ? <SearchErrorLine id={`${id}-error`} text={draft} error={error} /> : null}
      <p id={`${id}-stale`} className="ak-log-search-stale" role="status">
        {stale ? searchTranslator(i18n)('search.stale') : ''}
      </p>
    </div>
  );
}
