import type { CategoryDefinition } from './categoryDefinition.ts';
import type { Locale } from './locale.ts';

/** The category of anything no other category claims. */
export const OTHER_CATEGORY = 'other';
/** The category of logins, logouts and failed logins, whatever their action's prefix. */
export const LOGINS_CATEGORY = 'logins';

/** A default category; `subjects` maps each subject type to its Russian noun (and English, if not the type). */
const category = ({
  id,
  label,
  icon,
  ...match
}: Pick<CategoryDefinition, 'id' | 'label' | 'icon'> & {
  subjects?: Record<string, string | Record<Locale, string>>;
  actionPrefixes?: string[];
}): CategoryDefinition => {
  const subjects = Object.entries(match.subjects ?? {});
  return Object.freeze({
    id,
    label,
    icon,
    subjectTypes: subjects.map(([type]) => type),
    nouns: Object.fromEntries(
      subjects.map(([type, noun]) => [type, typeof noun === 'string' ? { ru: noun } : noun]),
    ),
    actionPrefixes: match.actionPrefixes ?? [],
  });
};

/**
 * Every category of the venue-booking log (seed 000), plus `other`. Logins, logouts, failed logins
 * and OTP steps all go to `logins` (there is no separate `auth` category); schedule blocks to `info`;
 * staff users and facility settings to `system`.
 *
 * @example
 * ```ts
 * DEFAULT_CATEGORIES.find((category) => category.id === 'online_booking')?.label.ru; // 'Онлайн-бронирование'
 * ```
 */
export const DEFAULT_CATEGORIES: readonly CategoryDefinition[] = Object.freeze([
  category({
    id: 'report',
    label: { en: 'Reports', ru: 'Отчёты' },
    icon: 'chart',
    subjects: { report: 'отчёт' },
    actionPrefixes: ['report', 'export'],
  }),
  category({
    id: LOGINS_CATEGORY,
    label: { en: 'Logins', ru: 'Входы' },
    icon: 'lock',
    subjects: { session: 'сеанс' },
    actionPrefixes: ['auth', 'login', 'logout', 'session', 'otp'],
  }),
  category({
    id: 'customer',
    label: { en: 'Customers', ru: 'Клиенты' },
    icon: 'user',
    subjects: { customer: 'клиент', client: 'клиент' },
    actionPrefixes: ['customer', 'client'],
  }),
  category({
    id: 'order',
    label: { en: 'Orders', ru: 'Заказы' },
    icon: 'cart',
    subjects: { order: 'заказ', invoice: 'счёт', payment: 'платёж' },
    actionPrefixes: ['order', 'invoice', 'payment'],
  }),
  category({
    id: 'online_booking',
    label: { en: 'Online booking', ru: 'Онлайн-бронирование' },
    icon: 'calendar',
    subjects: {
      booking: 'бронирование',
      online_booking: 'онлайн-бронирование',
      reservation: 'бронирование',
    },
    actionPrefixes: ['booking', 'online_booking', 'reservation'],
  }),
  category({
    id: 'pos',
    label: { en: 'POS', ru: 'Касса' },
    icon: 'receipt',
    subjects: {
      sale: 'продажа',
      pos_sale: { en: 'POS sale', ru: 'продажа на кассе' },
      pos_order: { en: 'POS order', ru: 'заказ на кассе' },
    },
    actionPrefixes: ['pos', 'sale'],
  }),
  category({
    id: 'store',
    label: { en: 'Online store', ru: 'Интернет-магазин' },
    icon: 'bag',
    subjects: { store_order: 'заказ в магазине', shop_order: 'заказ в магазине' },
    actionPrefixes: ['store', 'shop'],
  }),
  category({
    id: 'system',
    label: { en: 'System', ru: 'Система' },
    icon: 'settings',
    subjects: {
      user: 'пользователь',
      staff: { en: 'staff member', ru: 'сотрудник' },
      facility: 'площадка',
      settings: 'настройки',
      location: 'филиал',
    },
    actionPrefixes: ['system', 'user', 'staff', 'facility', 'settings'],
  }),
  category({
    id: 'info',
    label: { en: 'Info', ru: 'Информация' },
    icon: 'info',
    subjects: { schedule_block: 'блок расписания', schedule: 'расписание' },
    actionPrefixes: ['schedule', 'info'],
  }),
  category({
    id: 'waiver',
    label: { en: 'Waivers', ru: 'Отказы от претензий' },
    icon: 'signature',
    subjects: { waiver: 'отказ от претензий' },
    actionPrefixes: ['waiver'],
  }),
  category({
    id: 'profiles',
    label: { en: 'Profiles', ru: 'Профили' },
    icon: 'id-card',
    subjects: { profile: 'профиль' },
    actionPrefixes: ['profile'],
  }),
  category({
    id: 'dependents',
    label: { en: 'Dependents', ru: 'Подопечные' },
    icon: 'users',
    subjects: { dependent: 'подопечный' },
    actionPrefixes: ['dependent'],
  }),
  category({
    id: 'organizations',
    label: { en: 'Organizations', ru: 'Организации' },
    icon: 'building',
    subjects: { organization: 'организация', company: 'компания' },
    actionPrefixes: ['organization', 'company'],
  }),
  category({
    id: 'associations',
    label: { en: 'Associations', ru: 'Связи' },
    icon: 'link',
    subjects: { association: 'связь' },
    actionPrefixes: ['association'],
  }),
  category({
    id: 'profile_labels',
    label: { en: 'Profile labels', ru: 'Метки профилей' },
    icon: 'tag',
    subjects: { label: 'метка', profile_label: 'метка профиля' },
    actionPrefixes: ['label', 'profile_label', 'profile.label'],
  }),
  category({
    id: 'profile_notes',
    label: { en: 'Profile notes', ru: 'Заметки профилей' },
    icon: 'note',
    subjects: { note: 'заметка', profile_note: 'заметка профиля' },
    actionPrefixes: ['note', 'profile_note', 'profile.note'],
  }),
  category({
    id: OTHER_CATEGORY,
    label: { en: 'Other', ru: 'Прочее' },
    icon: 'dot',
  }),
]);
