export {
  type ActivityI18n,
  createI18n,
  type I18nOptions,
  localTimeZone,
  type MessageParams,
  type TimeStyle,
} from './createI18n.ts';
export { I18nContext, useActivityI18n } from './I18nContext.tsx';
export {
  en as enMessages,
  type LocaleMessageKey,
  type LocaleMessages,
  type Message,
  type MessageKey,
  type MessageOverrides,
  type Messages,
} from './messages.ts';
