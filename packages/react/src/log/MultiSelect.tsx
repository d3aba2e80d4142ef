import { useId, useRef } from 'react';
import type { LogTranslate } from './messages.ts';
import { useDismiss } from './useDismiss.ts';

/** One choice of a {@link MultiSelect}. */
export interface Choice {
  value: string;
  label: string;
}

/** Props of {@link MultiSelect}. */
export interface MultiSelectProps {
  label: string;
  choices: readonly Choice[];
  value: readonly string[] | undefined;
  onChange(value: string[]): void;
  t: LogTranslate;
}

/**
 * A labelled drop-down of checkboxes (a native `<details>`): several values of one filter, e.g.
 * locations. Esc closes it and returns focus to its button.
 */
export function MultiSelect(props: MultiSelectProps) {
  const { label, choices, value = [], onChange, t } = props;
  const id = useId();
  const details = useRef<HTMLDetailsElement>(null);
  useDismiss(details);
  const selected = new Set(value);
  const summary =
    value.length === 0
      ? t('filters.all')
      : value.length === 1
        ? (choices.find((choice) => choice.value === value[0])?.label ?? value[0])
        : t('filters.selected', { count: value.length });
  return (
    <div className="ak-log-field">
      <span className="ak-label" id={`${id}-label`}>
        {label}
      </span>
      <details ref={details} className="ak-log-multi">
        <summary className="ak-input" aria-labelledby={`${id}-label ${id}-value`}>
          <span id={`${id}-value`}>{summary}</span>
        </summary>
        <fieldset className="ak-log-multi-list">
          <legend className="ak-visually-hidden">{label}</legend>
          {choices.map((choice) => (
            <label key={choice.value} className="ak-log-check">
              <input
                type="checkbox"
                checked={selected.has(choice.value)}
                onChange={(event) => {
                  const next = new Set(selected);
                  if (event.currentTarget.checked) next.add(choice.value);
                  else next.delete(choice.value);
                  onChange([...next]);
                }}
              />
              <span>{choice.label}</span>
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
}
