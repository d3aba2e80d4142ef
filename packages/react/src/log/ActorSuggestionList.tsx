import type { ReactNode } from 'react';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { searchTranslator } from './searchMessages.ts';
import type { ActorCombobox } from './useActorCombobox.ts';

/** Props of {@link ActorSuggestionList}. */
export interface ActorSuggestionListProps {
  combobox: ActorCombobox;
  /** How a role reads (translated user types). Defaults to the role itself. */
  roleLabel?: (role: string) => string;
}

/**
 * The listbox of actor suggestions under a combobox input: each option shows the name and the
 * e-mail (or id); the highlighted one is `aria-selected`. Clicking picks without taking the focus
 * from the input. A polite status line tells screen readers how many there are.
 */
export function ActorSuggestionList(props: ActorSuggestionListProps): ReactNode {
  const { combobox, roleLabel = (role: string) => role } = props;
  const t = searchTranslator(useActivityI18n());
  const { open, suggestions, active, listId } = combobox;
  return (
    <>
      <div
        id={listId}
        role="listbox"
        aria-label={t('search.suggestions')}
        className="ak-log-suggestions"
        hidden={!open}
      >
        {open
          ? suggestions.map((suggestion, index) => (
              // biome-ignore lint/a11y/useFocusableInteractive: options of a combobox are reached by aria-activedescendant; the focus stays in the input, which handles the keys.
              // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys.
              <div
                key={suggestion.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className="ak-log-suggestion"
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => index !== active && combobox.highlight(index)}
                onClick={() => combobox.pick(suggestion)}
              >
                <span className="ak-log-suggestion-name">{suggestion.name ?? suggestion.id}</span>
                <span className="ak-log-suggestion-detail">
                  {[
                    suggestion.email ?? (suggestion.name ? suggestion.id : undefined),
                    suggestion.role && roleLabel(suggestion.role),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </div>
            ))
          : null}
      </div>
      <span className="ak-visually-hidden" role="status">
        {open ? t('search.suggestionCount', { count: suggestions.length }) : ''}
      </span>
    </>
  );
}
