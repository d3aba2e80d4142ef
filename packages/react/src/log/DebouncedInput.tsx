import { useEffect, useId, useState } from 'react';

/** Props of {@link DebouncedInput}. */
export interface DebouncedInputProps {
  label: string;
  value: string;
  onCommit(value: string): void;
  placeholder?: string;
  /** Milliseconds of typing pause before the value commits. Defaults to `400`. */
  delayMs?: number;
}

/**
 * What is typed into a box whose applied value is `value`: follows `value` when it changes from
 * outside, and commits the draft after `delayMs` of typing pause.
 */
export function useDebouncedDraft(
  value: string,
  onCommit: (value: string) => void,
  delayMs: number,
): [string, (draft: string) => void] {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setDraft(value);
  }
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => onCommit(draft), delayMs);
    return () => clearTimeout(timer);
  }, [draft, value, onCommit, delayMs]);
  return [draft, setDraft];
}

/** A labelled text input that commits after a typing pause, on Enter or on blur. */
export function DebouncedInput(props: DebouncedInputProps) {
  const { label, value, onCommit, placeholder, delayMs = 400 } = props;
  const id = useId();
  const [draft, setDraft] = useDebouncedDraft(value, onCommit, delayMs);
  return (
    <div className="ak-log-field">
      <label className="ak-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="ak-input"
        type="text"
        value={draft}
        placeholder={placeholder}
        autoComplete="off"
        onChange={(event) => setDraft(event.currentTarget.value)}
        onBlur={() => draft !== value && onCommit(draft)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && draft !== value) onCommit(draft);
        }}
      />
    </div>
  );
}
