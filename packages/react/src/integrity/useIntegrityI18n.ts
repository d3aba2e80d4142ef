import { useMemo } from 'react';
import type { ActivityI18n, MessageParams } from '../i18n/createI18n.ts';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { type IntegrityMessageKey, integrityMessages } from './messages.ts';

/** {@link ActivityI18n} whose `t` also knows the integrity panel's keys. */
export interface IntegrityI18n extends Omit<ActivityI18n, 't'> {
  /** A shared message, or one of the panel's catalog; either can be overridden by the provider. */
  t(key: MessageKey | IntegrityMessageKey, params?: MessageParams): string;
}

/**
 * The provider's i18n for the integrity panel: its own keys come from {@link integrityMessages}
 * unless the app overrides them through `<ActivityProvider messages>`; shared keys as usual.
 */
export function useIntegrityI18n(): IntegrityI18n {
  const i18n = useActivityI18n();
  return useMemo(
    () => ({
      ...i18n,
      t: (key, params) =>
        Object.hasOwn(integrityMessages.en, key)
          ? i18n.format(integrityMessages, key as IntegrityMessageKey, params)
          : i18n.t(key as MessageKey, params),
    }),
    [i18n],
  );
}
