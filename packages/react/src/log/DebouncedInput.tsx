import { type ChangeEvent, type KeyboardEvent, useEffect, useId, useState } from 'react';

/** Props of {@link DebouncedInput}. */
export interface DebouncedInputProps {
  label: string;
  value: string;
  onCommit(value: string): void;
  placeholder?: string;
  /** Milliseconds of typing pause before the value commits. Defaults to `400`. */
  delayMs?: number;
}

/** A text box whose draft commits after a typing pause, on Enter or on blur (see {@link useDraftInput}). */
export interface DraftInput {
  /** What is typed. */
  draft: string;
  setDraft(draft: string): void;
  /** Commits the draft, unless it is the applied value already. */
  commit(): void;
  /** The box's props: id, the kit's look, the draft, and the handlers that commit it. */
  inputProps: {
    id: string;
    className: 'ak-input';
    type: 'text';
    value: string;
    autoComplete: 'off';
    onChange(event: ChangeEvent<HTMLInputElement>): void;
    onBlur(): void;
    onKeyDown(event: KeyboardEvent<HTMLInputElement>): void;
  };
}

/**
 * What is typed into a box whose applied value is `value`: follows `value` when it changes from
 * outside, and commits the draft after `delayMs` of typing pause, on Enter or on blur — each only
 * when it differs from `value`.
 */
export function useDraftInput(
  value: string,
  onCommit: (value: string) => void,
  delayMs: number,
): DraftInput {
  const id = useId();
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
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  return {
    draft,
    setDraft,
    commit,
    inputProps: {
      id,
      className: 'ak-input',
      type: 'text',
      value: draft,
      autoComplete: 'off',
      onChange: (event) => setDraft(event.currentTarget.value),
      onBlur: commit,
      onKeyDown: (event) => {
        if (event.key === 'Enter') commit();
      },
    },
  };
}

/** A labelled text input that commits after a typing pause, on Enter or on blur. */
export function DebouncedInput(props: DebouncedInputProps) {
  const { label, value, onCommit, placeholder, delayMs = 400 } = props;
  const { inputProps } = useDraftInput(value, onCommit, delayMs);
  return (
    <div className="ak-log-field">
      <label className="ak-label" htmlFor={inputProps.id}>
        {label}
      </label>
      <input {...inputProps} placeholder={placeholder} />
    </div>
  );
}
