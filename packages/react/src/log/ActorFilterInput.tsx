import { type ReactNode, useState } from 'react';
import { ActorSuggestionList } from './ActorSuggestionList.tsx';
import { useDraftInput } from './DebouncedInput.tsx';
import { useActorCombobox } from './useActorCombobox.ts';

/** Props of {@link ActorFilterInput}. */
export interface ActorFilterInputProps {
  label: string;
  /** The applied filter value (a name, e-mail or id). */
  value: string;
  onCommit(value: string): void;
  placeholder?: string;
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
  const { label, value, onCommit, placeholder, roleLabel, delayMs = 400 } = props;
  const field = useDraftInput(value, onCommit, delayMs);
  const { draft, setDraft } = field;
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
      <label className="ak-label" htmlFor={field.inputProps.id}>
        {label}
      </label>
      <div className="ak-log-search-field">
        <input
          {...field.inputProps}
          placeholder={placeholder}
          spellCheck={false}
          {...combobox.inputProps}
          onChange={(event) => {
            setTyping(true);
            field.inputProps.onChange(event);
          }}
          onBlur={() => {
            combobox.close();
            field.commit();
          }}
          onKeyDown={(event) => {
            if (combobox.onKeyDown(event)) return;
            field.inputProps.onKeyDown(event);
            if (event.key === 'Escape' && draft !== value) {
              event.preventDefault();
              setDraft(value);
            }
          }}
        />
        <ActorSuggestionList combobox={combobox} roleLabel={roleLabel} />
      </div>
    </div>
  );
}
