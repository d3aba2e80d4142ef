import type { Locale } from './locale.ts';

/** A category of the log, with labels for each locale and an icon name for the React kit. */
export interface CategoryDefinition {
  /** Stored in `event.category`, e.g. `online_booking`. */
  id: string;
  label: Record<Locale, string>;
  /** A short icon name: `user`, `cart`, `calendar`, `lock`, `note`… */
  icon: string;
  /** Subject types filed here, e.g. `['booking', 'reservation']`. Defaults to `[]`. */
  subjectTypes?: readonly string[];
  /**
   * How descriptions name a subject type, per locale, in the nominative singular:
   * `{ booking: { en: 'booking', ru: 'бронирование' } }`. Defaults to the type with `_` as spaces.
   */
  nouns?: Readonly<Record<string, Partial<Record<Locale, string>>>>;
  /** Action prefixes filed here (whole dotted segments), e.g. `['booking']`. Defaults to `[]`. */
  actionPrefixes?: readonly string[];
}
