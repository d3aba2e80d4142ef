import type { Locale } from '@activitykit/schema';
import { type ReactNode, useId, useState } from 'react';
import { ActorSuggestionList } from './ActorSuggestionList.tsx';
import { useDebouncedDraft } from './DebouncedInput.tsx';
import { useActorCombobox } from './useActorCombobox.ts';

/** Props of {@link ActorFilterInput}. */
export interface ActorFilterInputProps {
  label: string;
  /** The applied filter value (a name, e-mail or id). */
  value: string;
  onCommit(value: string): void;
  placeholder?: string;
  locale: Locale;
  /** How a role reads in the suggestions. Defaults to the role itself. */
  roleLabel?: (role: string) => string;
  /** Milliseconds of typing pause before the value commits. Defaults to `400`. */
  delayMs?: number;
}

/**
 * The user filter as a text box that suggests users as you type (name, a word of it, e-mail or
 * id): a combobox whose ↓ ↑ choose, Enter picks (or commits what is typed), Escape closes the list
 * (then restores the applied value). What is typed commits after a pause, on Enter or on blur.
 */
export function ActorFilterInput(props: ActorFilterInputProps): ReactNode {
  const { label, value, onCommit, placeholder, locale, roleLabel, delayMs = 400 } = props;
  const id = useId();
  const [draft, setDraft] = useDebouncedDraft(value, onCommit, delayMs);
  const [typing, setTyping] = useState(false);
  const combobox = useActorCombobox({
    prefix: typing && draft.trim() !== '' ? draft : undefined,
    onPick: (suggestion) => {
      setTyping(false);
      setDraft(suggestion.value);
      onCommit(suggestion.value);
    },
  });
  return (
    <div className="ak-log-field ak-log-actor-filter">
      <label className="ak-label" htmlFor={id}>
        {label}
      </label>
      <div className="ak-log-search-field">
        <input
          id={id}
          className="ak-input"
          type="text"
          value={draft}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
          {...combobox.inputProps}
          onChange={(event) => {
            setTyping(true);
            setDraft(event.currentTarget.value);
          }}
          onBlur={() => {
            combobox.close();
            if (draft !== value) onCommit(draft);
          }}
          onKeyDown={(event) => {
            if (combobox.onKeyDown(event)) return;
            if (event.key === 'Enter' && draft !== value) onCommit(draft);
            if (event.key === 'Escape' && draft !== value) {
              event.preventDefault();
              setDraft(value);
            }
          }}
        />
        <ActorSuggestionList combobox={combobox} locale={locale} roleLabel={roleLabel} />
      </div>
    </div>
  );
}
