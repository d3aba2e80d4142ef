/**
 * Which field names hold secrets. A name is compared case-insensitively and without separators
 * (`Card-Number`, `card_number` and `cardNumber` are all `cardnumber`):
 *
 * - an entry of five or more letters matches any name that contains it (`password` hides
 *   `userPassword` and `password_confirmation`; `token` hides `x-auth-token`, `tokens` and also
 *   `tokenCount` — allow that one if you need it);
 * - a shorter entry matches whole words only (`pass` hides `pass`, `userPass` and `pass_hint`, but not
 *   `passenger`, `compass` or `bypass`; `pin` hides `pinCode` but not `spinner`). Words are split at
 *   separators, camelCase humps and digits, so `cvv2` is `cvv` + `2`.
 *
 * Over-redaction is preferred to a leak: `secretary` and `cookiesAccepted` are hidden too.
 *
 * @example
 * ```ts
 * createRedactor({ deny: [...DEFAULT_DENY.filter((name) => name !== 'pin'), 'ssn'], replaceDefaults: true });
 * ```
 */
export const DEFAULT_DENY: readonly string[] = Object.freeze([
  // passwords and passphrases
  'password',
  'passwd',
  'passphrase',
  'passcode',
  'pass',
  'pwd',
  // secrets, tokens and credentials (access_token, refresh_token, id_token, api_token, csrfToken…)
  'secret',
  'token',
  'credential',
  'authorization',
  'bearer',
  'cookie',
  'session',
  'jwt',
  'apikey',
  'privatekey',
  'signingkey',
  'encryptionkey',
  // one-time codes and PINs
  'otp',
  'otpcode',
  'totp',
  'onetimecode',
  'mfacode',
  'verificationcode',
  'pin',
  'pincode',
  // payment cards
  'cardnumber',
  'ccnumber',
  'ccnum',
  'creditcard',
  'pan',
  'cvv',
  'cvc',
  'securitycode',
  // government identifiers
  'ssn',
]);

/** Entries at least this long match inside a name; shorter ones match whole words. */
const SUBSTRING_MIN_LENGTH = 5;
/** Decisions remembered per matcher; names repeat a lot (the same DTOs over and over). */
const CACHE_LIMIT = 2000;

/** Options of {@link createSecretNameMatcher}. */
export interface SecretNameOptions {
  /** Extra secret names. Defaults to `[]`. */
  deny?: readonly string[];
  /** Names that are never secret, matched whole (after normalising); they win over `deny`. Defaults to `[]`. */
  allow?: readonly string[];
  /** Use `deny` instead of {@link DEFAULT_DENY} rather than adding to it. Defaults to `false`. */
  replaceDefaults?: boolean;
}

/** Tells whether a field name holds a secret. */
export type SecretNameMatcher = (name: string) => boolean;

/**
 * Lower case, letters and digits only: `Card-Number` → `cardnumber`.
 *
 * @example
 * ```ts
 * normalizeName('X-API-Key'); // 'xapikey'
 * ```
 */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * A matcher over {@link DEFAULT_DENY} plus `deny`, minus `allow`.
 *
 * @example
 * ```ts
 * const isSecret = createSecretNameMatcher({ allow: ['tokenCount'] });
 * isSecret('x-auth-token'); // true
 * isSecret('passenger'); // false
 * isSecret('tokenCount'); // false
 * ```
 */
export function createSecretNameMatcher(options: SecretNameOptions = {}): SecretNameMatcher {
  const entries = [...(options.replaceDefaults ? [] : DEFAULT_DENY), ...(options.deny ?? [])]
    .map(normalizeName)
    .filter((entry) => entry.length > 0);
  const substrings = entries.filter((entry) => entry.length >= SUBSTRING_MIN_LENGTH);
  const words = new Set(entries.filter((entry) => entry.length < SUBSTRING_MIN_LENGTH));
  const allowed = new Set((options.allow ?? []).map(normalizeName));
  const cache = new Map<string, boolean>();

  const decide = (name: string): boolean => {
    const normalized = normalizeName(name);
    if (normalized.length === 0 || allowed.has(normalized)) return false;
    if (substrings.some((entry) => normalized.includes(entry))) return true;
    return words.size > 0 && hasWordRun(splitWords(name), words);
  };

  return (name) => {
    let secret = cache.get(name);
    if (secret === undefined) {
      secret = decide(name);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(name, secret);
    }
    return secret;
  };
}

/** `userPINCode2` → `['user', 'pin', 'code', '2']`. */
function splitWords(name: string): string[] {
  return name
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Whether some run of consecutive words spells an entry (`card` + `no` → `cardno`). */
function hasWordRun(words: string[], entries: Set<string>): boolean {
  for (let start = 0; start < words.length; start++) {
    let run = '';
    for (let end = start; end < words.length; end++) {
      run += words[end];
      if (run.length >= SUBSTRING_MIN_LENGTH) break;
      if (entries.has(run)) return true;
    }
  }
  return false;
}
