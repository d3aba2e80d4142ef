/** The languages of generated descriptions and labels. */
export const LOCALES = ['en', 'ru'] as const;
/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];

/** Word forms by CLDR plural category; `other` is required, the rest fall back to it. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rulesByLocale = new Map<Locale, Intl.PluralRules>();

/**
 * The plural form of a word for a count, by the locale's CLDR rules (Russian has `one`, `few` and
 * `many`: 1 поле, 2 поля, 5 полей, 11 полей, 21 поле).
 *
 * @example
 * ```ts
 * pluralForm(21, { one: 'поле', few: 'поля', many: 'полей', other: 'поля' }, 'ru'); // 'поле'
 * ```
 */
export function pluralForm(count: number, forms: PluralForms, locale: Locale): string {
  let rules = rulesByLocale.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    rulesByLocale.set(locale, rules);
  }
  return forms[rules.select(count)] ?? forms.other;
}

/**
 * A count and its word: `3 fields`, `21 поле`.
 *
 * @example
 * ```ts
 * formatCount(5, { one: 'поле', few: 'поля', many: 'полей', other: 'поля' }, 'ru'); // '5 полей'
 * formatCount(1, { one: 'field', other: 'fields' }, 'en'); // '1 field'
 * ```
 */
export function formatCount(count: number, forms: PluralForms, locale: Locale): string {
  return `${count} ${pluralForm(count, forms, locale)}`;
}
