import { useCallback, useRef, useState } from 'react';

/** Options of {@link useControllableState}. */
export interface ControllableStateOptions<T> {
  /** The controlled value; `undefined` leaves the state uncontrolled. */
  value?: T | undefined;
  /** The initial value of uncontrolled state. */
  defaultValue: T;
  /** Called with every new value, controlled or not. Defaults to nothing. */
  onChange?: ((value: T) => void) | undefined;
}

/** Sets the value, or derives it from the current one. */
export type SetControllableState<T> = (next: T | ((current: T) => T)) => void;

/**
 * One piece of state that a parent may control (`value` + `onChange`) or leave to the component
 * (`defaultValue`), in the manner of Radix's helper. The setter is stable, and it reports a change
 * only when the value actually changes (`Object.is`).
 *
 * @example
 * ```ts
 * const [sort, setSort] = useControllableState({ value: props.sort, defaultValue: 'desc', onChange: props.onSortChange });
 * ```
 */
export function useControllableState<T>(
  options: ControllableStateOptions<T>,
): [T, SetControllableState<T>] {
  const { value, defaultValue, onChange } = options;
  const [inner, setInner] = useState(defaultValue);
  const controlled = value !== undefined;
  const current = controlled ? value : inner;
  const latest = useRef({ current, controlled, onChange });
  latest.current = { current, controlled, onChange };

  const set = useCallback<SetControllableState<T>>((next) => {
    const state = latest.current;
    const resolved = typeof next === 'function' ? (next as (current: T) => T)(state.current) : next;
    if (Object.is(resolved, state.current)) return;
    // Later calls in the same tick see this value, as they would with functional setState.
    state.current = resolved;
    if (!state.controlled) setInner(resolved);
    state.onChange?.(resolved);
  }, []);

  return [current, set];
}
