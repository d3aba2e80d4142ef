import { describe, expect, it, vi } from 'vitest';
import { ruMessages } from '../locales/ru.ts';
import { createI18n } from './createI18n.ts';

const now = () => new Date('2026-11-23T15:00:00Z');
/** Russian as an app passes it: the catalog of `@activitykit/react/locales/ru`. */
const messages = { ru: ruMessages };

describe('createI18n', () => {
  it('names today and yesterday in the time zone, and dates otherwise', () => {
    const en = createI18n({ locale: 'en', timeZone: 'Europe/Moscow', now });
    expect(en.formatDay(new Date('2026-11-22T21:30:00Z'))).toBe('Today'); // 00:30 in Moscow
    expect(en.formatDay(new Date('2026-11-22T20:30:00Z'))).toBe('Yesterday');
    expect(en.formatDay(new Date('2026-11-20T12:00:00Z'))).toBe('Friday, November 20');
    expect(en.formatDay(new Date('2025-11-20T12:00:00Z'))).toBe('November 20, 2025');
    const ru = createI18n({ locale: 'ru', timeZone: 'Europe/Moscow', now, messages });
    expect(ru.formatDay(new Date('2026-11-23T10:00:00Z'))).toBe('Сегодня');
    expect(ru.formatDay(new Date('2026-11-22T10:00:00Z'))).toBe('Вчера');
    expect(ru.formatDay(new Date('2026-11-20T12:00:00Z'))).toBe('пятница, 20 ноября');
  });

  it('picks Russian plural forms and fills placeholders', () => {
    const ru = createI18n({ locale: 'ru', timeZone: 'UTC', now, messages });
    expect(ru.t('event.count', { count: 1 })).toBe('1 событие');
    expect(ru.t('event.count', { count: 3 })).toBe('3 события');
    expect(ru.t('event.count', { count: 11 })).toBe('11 событий');
    expect(ru.t('event.count', { count: 21 })).toBe('21 событие');
    expect(createI18n({ locale: 'en', now }).t('event.count', { count: 2 })).toBe('2 events');
  });

  it('formats relative and absolute times in the zone', () => {
    const en = createI18n({ locale: 'en', timeZone: 'America/New_York', now });
    expect(en.formatTime(new Date('2026-11-23T14:55:00Z'), 'relative')).toBe('5 minutes ago');
    expect(en.formatTime(new Date('2026-11-22T15:00:00Z'), 'relative')).toBe('yesterday');
    expect(en.formatClock(new Date('2026-11-23T15:00:00Z'))).toBe('10:00:00 AM EST');
    const ru = createI18n({ locale: 'ru', timeZone: 'Europe/Moscow', now, messages });
    expect(ru.formatTime(new Date('2026-11-23T12:00:00Z'), 'relative')).toBe('3 часа назад');
  });

  it('shows times with seconds and the zone, and the full date and time for a tooltip', () => {
    const at = new Date('2026-11-23T11:03:27Z');
    const ru = createI18n({ locale: 'ru', timeZone: 'Europe/Moscow', now, messages });
    expect(ru.formatClock(at)).toBe('14:03:27 GMT+3');
    expect(ru.formatTime(at)).toBe('23 нояб. 2026 г., 14:03:27 GMT+3');
    expect(ru.formatTime(at, 'full')).toMatch(
      /^понедельник, 23 ноября 2026 г\.,? в 14:03:27 Москва, стандартное время$/,
    );
    const en = createI18n({ locale: 'en', timeZone: 'America/New_York', now });
    expect(en.formatClock(at)).toBe('6:03:27 AM EST');
    expect(en.formatTime(at)).toBe('Nov 23, 2026, 6:03:27 AM EST');
    expect(en.formatTime(at, 'full')).toBe(
      'Monday, November 23, 2026 at 6:03:27 AM Eastern Standard Time',
    );
  });

  it('lets an app override messages, and formats a component catalog', () => {
    const i18n = createI18n({ locale: 'ru', messages: { ru: { 'state.empty': 'Пусто' } }, now });
    expect(i18n.t('state.empty')).toBe('Пусто');
    const catalog = { en: { hi: 'Hi {name}' }, ru: { hi: 'Привет, {name}' } };
    expect(i18n.format(catalog, 'hi', { name: 'Аня' })).toBe('Привет, Аня');
  });

  it("lets an override through the provider's messages win over a component catalog", () => {
    const i18n = createI18n({
      locale: 'ru',
      messages: { ru: { 'integrity.verify': 'Сверить' } },
      now,
    });
    const catalog = {
      en: { 'integrity.verify': 'Verify now', other: 'Other' },
      ru: { 'integrity.verify': 'Проверить', other: 'Другое' },
    };
    expect(i18n.format(catalog, 'integrity.verify')).toBe('Сверить');
    expect(i18n.format(catalog, 'other')).toBe('Другое');
  });

  it('reads English with Russian dates and numbers when locale ru comes without its catalog, and says what to pass', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const bare = createI18n({ locale: 'ru', timeZone: 'Europe/Moscow', now });
      expect(bare.t('state.empty')).toBe('No activity yet');
      expect(bare.formatDay(new Date('2026-11-23T10:00:00Z'))).toBe('Today');
      expect(bare.formatDay(new Date('2026-11-20T12:00:00Z'))).toBe('пятница, 20 ноября');
      expect(bare.formatNumber(12345)).toBe('12\u00a0345');
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain("'@activitykit/react/locales/ru'");
      createI18n({ locale: 'ru', now, messages });
      createI18n({ locale: 'en', now });
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });
});
