import type { LocaleMessages } from '../messages.ts';
import { ruLog } from './log.ts';
import { ruSearch } from './search.ts';
import { ruShared } from './shared.ts';

export { ruIntegrityMessages } from './integrity.ts';

/**
 * The kit in Russian: every string of the components (the shared ones, the log's `log.*` and its
 * search box's `search.*`). Dates, numbers and plural forms follow the locale through `Intl`; the
 * strings come only from here, so an app that shows Russian passes them to the provider.
 *
 * @example
 * ```tsx
 * import { ruMessages } from '@activitykit/react/locales/ru';
 * <ActivityProvider source={source} locale="ru" messages={{ ru: ruMessages }}>…</ActivityProvider>;
 * ```
 */
export const ruMessages: LocaleMessages = { ...ruShared, ...ruLog, ...ruSearch };
