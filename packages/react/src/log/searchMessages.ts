import type { SearchProblem } from '@activitykit/schema';
import type { ActivityI18n } from '../i18n/createI18n.ts';
import { SEARCH_MESSAGES_EN, type SearchMessageKey } from './searchMessagesEn.ts';

const CATALOG = { en: SEARCH_MESSAGES_EN };

/** Translates a key of the search box's strings, filling `{name}` parameters. */
export type SearchTranslate = (
  key: SearchMessageKey,
  params?: Record<string, string | number>,
) => string;

/** The search box's translator over the provider's i18n (its `messages` win, English otherwise). */
export function searchTranslator(i18n: ActivityI18n): SearchTranslate {
  return (key, params) => i18n.format(CATALOG, key, params);
}

/**
 * A search problem worded in the reader's language, at a zero-based `position` (one-based in the
 * text), e.g. `Unknown kind “explode” at character 13: use one of create, update, …`.
 *
 * @example
 * ```ts
 * describeSearchProblem({ reason: 'INVALID_DATE', params: { value: '2026-02-30' } }, 0, i18n);
 * // 'Invalid date “2026-02-30” at character 1: use YYYY-MM-DD or …'
 * ```
 */
export function describeSearchProblem(
  problem: SearchProblem,
  position: number | undefined,
  i18n: ActivityI18n,
): string {
  const t = searchTranslator(i18n);
  // Values are shown as typed (`5000`, not `5,000`).
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(problem.params)) params[name] = String(value);
  params.hint = hintFor(problem, t);
  const parts = {
    problem: t(`search.problem.${problem.reason}`, params),
    fix: t(`search.fix.${problem.reason}`, params),
  };
  const text =
    position === undefined
      ? t('search.unlocated', parts)
      : t('search.located', { ...parts, character: String(position + 1) });
  return text.charAt(0).toLocaleUpperCase(i18n.locale) + text.slice(1);
}

function hintFor(problem: SearchProblem, t: SearchTranslate): string {
  if (problem.reason === 'TOO_LONG')
    return problem.params.key === 'text' ? t('search.hint.text') : '';
  if (problem.reason !== 'INVALID_VALUE') return '';
  const { key } = problem.params;
  if (key === 'action') return t('search.hint.action');
  if (key === 'subject' || key === 'ref') return t('search.hint.recordKey', { key });
  return t('search.hint.other');
}
