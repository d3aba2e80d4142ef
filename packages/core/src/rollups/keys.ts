/**
 * Field names of rollup counters: the stored value with `.` and a leading `$` swapped for their
 * full-width twins (MongoDB splits on dots and reserves `$`), so any action, category or actor id
 * can be a key. `unescapeKey` gives the value back.
 */
export function escapeKey(value: string): string {
  return value.replace(/^\$/, '\uFF04').replace(/\./g, '\uFF0E');
}

/** The value an escaped counter key stands for. */
export function unescapeKey(key: string): string {
  return key.replace(/^\uFF04/, '$').replace(/\uFF0E/g, '.');
}

/** The key of a kind and outcome counter: `login~failure`. */
export function kindOutcomeKey(kind: string | undefined, outcome: string | undefined): string {
  return `${kind ?? 'other'}~${outcome ?? 'success'}`;
}

/** The UTC month of a day: `2026-12`. */
export function monthOfDay(day: string): string {
  return day.slice(0, 7);
}

/**
 * The key of a counter of two values, `<first>~<second>` (each escaped); `splitPairKey` gives them
 * back, splitting at the last `~` (the second is an IP address or a quarter, never holding one).
 */
export function pairKey(first: string, second: string): string {
  return `${escapeKey(first)}~${escapeKey(second)}`;
}

/** The two values of a {@link pairKey}. */
export function splitPairKey(key: string): [string, string] {
  const at = key.lastIndexOf('~');
  return [unescapeKey(key.slice(0, at)), unescapeKey(key.slice(at + 1))];
}

/**
 * A short, stable stand-in for a value of any length in a counter key (32-bit FNV-1a, 8 hex
 * digits): typed identifiers and IP addresses are the caller's input, so their counter keys must
 * not grow with it. Two values may share a hash; readers only use such counts as upper bounds.
 */
export function shortHash(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
