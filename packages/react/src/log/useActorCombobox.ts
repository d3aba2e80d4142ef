import type { ActorSuggestion } from '@activitykit/schema';
import { type KeyboardEvent, useId, useState } from 'react';
import { useActorSuggestions } from '../data/useActorSuggestions.ts';

/** Options of {@link useActorCombobox}. */
export interface ActorComboboxOptions {
  /** What to suggest for; `undefined` when the caret is not where a user is typed. */
  prefix: string | undefined;
  /** Called with the suggestion the reader picks (Enter or a click). */
  onPick(suggestion: ActorSuggestion): void;
}

/** The state and ARIA wiring of a combobox that suggests actors (the APG combobox pattern). */
export interface ActorCombobox {
  /** The list is shown. */
  open: boolean;
  /** Index of the highlighted suggestion, or `-1`. */
  active: number;
  suggestions: ActorSuggestion[];
  /** The listbox element's id. */
  listId: string;
  /** ARIA attributes for the input (role `combobox`). */
  inputProps: {
    role: 'combobox';
    'aria-expanded': boolean;
    'aria-controls': string;
    'aria-autocomplete': 'list';
    'aria-activedescendant': string | undefined;
  };
  /** Handles ↓ ↑ Enter Escape Tab while the list is open; `true` when it used the key. */
  onKeyDown(event: KeyboardEvent<HTMLInputElement>): boolean;
  pick(suggestion: ActorSuggestion): void;
  highlight(index: number): void;
  close(): void;
}

/**
 * Suggestions for `prefix` from the provider's source, and the keyboard of the list: ↓ / ↑ move
 * (wrapping), Enter picks the highlighted one, Escape closes, Tab closes and moves on. The list
 * reopens as the reader types on.
 */
export function useActorCombobox(options: ActorComboboxOptions): ActorCombobox {
  const { prefix, onPick } = options;
  const listId = useId();
  const wanted = prefix?.trim() ?? '';
  const { suggestions, prefix: answered } = useActorSuggestions(wanted, {
    enabled: prefix !== undefined,
  });
  const [state, setState] = useState({ for: '', active: -1, dismissed: false });
  const current = state.for === wanted ? state : { for: wanted, active: -1, dismissed: false };
  const shown = answered === '' || wanted === '' ? [] : suggestions;
  const open = prefix !== undefined && !current.dismissed && shown.length > 0;
  const active = open ? Math.min(current.active, shown.length - 1) : -1;
  const update = (next: Partial<typeof current>) => setState({ ...current, ...next });

  const pick = (suggestion: ActorSuggestion) => {
    update({ dismissed: true, active: -1 });
    onPick(suggestion);
  };

  return {
    open,
    active,
    suggestions: shown,
    listId,
    inputProps: {
      role: 'combobox',
      'aria-expanded': open,
      'aria-controls': listId,
      'aria-autocomplete': 'list',
      'aria-activedescendant': open && active >= 0 ? `${listId}-${active}` : undefined,
    },
    onKeyDown(event) {
      const count = shown.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (count === 0 || prefix === undefined) return false;
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const from = open ? active : -1;
        const next = from === -1 && step === -1 ? count - 1 : (from + step + count) % count;
        update({ dismissed: false, active: next });
        return true;
      }
      if (!open) return false;
      if (event.key === 'Enter' && active >= 0) {
        event.preventDefault();
        const chosen = shown[active];
        if (chosen) pick(chosen);
        return true;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        update({ dismissed: true, active: -1 });
        return true;
      }
      if (event.key === 'Tab') update({ dismissed: true, active: -1 });
      return false;
    },
    pick,
    highlight: (index) => update({ active: index }),
    close: () => update({ dismissed: true, active: -1 }),
  };
}
