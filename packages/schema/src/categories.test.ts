import { describe, expect, it } from 'vitest';
import { createCategoryRegistry } from './categories.ts';
import { DEFAULT_CATEGORIES, OTHER_CATEGORY } from './defaultCategories.ts';

const SEED_000 = [
  'report',
  'logins',
  'customer',
  'order',
  'online_booking',
  'pos',
  'store',
  'system',
  'info',
  'waiver',
  'profiles',
  'dependents',
  'organizations',
  'associations',
  'profile_labels',
  'profile_notes',
];

describe('DEFAULT_CATEGORIES', () => {
  it('covers every category of seed 000, plus other', () => {
    expect(DEFAULT_CATEGORIES.map((category) => category.id)).toEqual([
      ...SEED_000,
      OTHER_CATEGORY,
    ]);
  });

  it('gives each category an English and a Russian label and an icon', () => {
    for (const category of DEFAULT_CATEGORIES) {
      expect(category.label.en.length).toBeGreaterThan(0);
      expect(category.label.ru).toMatch(/[а-яё]/i);
      expect(category.icon).toMatch(/^[a-z-]+$/);
    }
  });
});

describe('createCategoryRegistry', () => {
  const registry = createCategoryRegistry();

  it.each([
    ['customer.created', undefined, 'customer'],
    ['auth.login', undefined, 'logins'],
    ['auth.login_failed', undefined, 'logins'],
    ['auth.otp_requested', undefined, 'logins'],
    ['user.signed_in', 'user', 'logins'],
    ['booking.cancelled', undefined, 'online_booking'],
    ['sale.completed', undefined, 'pos'],
    ['pos.refunded', undefined, 'pos'],
    ['waiver.signed', undefined, 'waiver'],
    ['dependent.updated', undefined, 'dependents'],
    ['note.added', 'customer', 'profile_notes'],
    ['profile.note.updated', 'profile', 'profile_notes'],
    ['profile.updated', 'profile', 'profiles'],
    ['report.viewed', undefined, 'report'],
    ['user.created', 'user', 'system'],
    ['record.updated', 'reservation', 'online_booking'],
    ['record.updated', 'Bookings', 'online_booking'],
    ['record.updated', 'spaceship', 'other'],
    ['launch', undefined, 'other'],
  ] as const)('files %s (subject %s) under %s', (action, subjectType, expected) => {
    expect(registry.categoryFor({ action, subjectType })).toBe(expected);
  });

  it('gets, lists and checks categories', () => {
    expect(registry.get('pos')?.label).toEqual({ en: 'POS', ru: 'Касса' });
    expect(registry.has('waiver')).toBe(true);
    expect(registry.has('auth')).toBe(false);
    expect(registry.get('nope')).toBeUndefined();
    expect(registry.list()).toHaveLength(DEFAULT_CATEGORIES.length);
  });

  it('names subject types for descriptions', () => {
    expect(registry.nounFor('booking', 'ru')).toBe('бронирование');
    expect(registry.nounFor('Customer', 'ru')).toBe('клиент');
    expect(registry.nounFor('pos_sale', 'en')).toBe('POS sale');
    expect(registry.nounFor('customer', 'en')).toBeUndefined();
    expect(registry.nounFor('spaceship', 'ru')).toBeUndefined();
  });

  it('adds app categories and lets one replace a default', () => {
    const custom = createCategoryRegistry({
      extra: [
        {
          id: 'gift_cards',
          label: { en: 'Gift cards', ru: 'Подарочные карты' },
          icon: 'gift',
          subjectTypes: ['gift_card'],
          actionPrefixes: ['gift_card'],
        },
        {
          id: 'pos',
          label: { en: 'Till', ru: 'Касса' },
          icon: 'receipt',
          actionPrefixes: ['till'],
        },
      ],
    });
    expect(custom.categoryFor({ action: 'gift_card.issued' })).toBe('gift_cards');
    expect(custom.categoryFor({ action: 'thing.updated', subjectType: 'gift_card' })).toBe(
      'gift_cards',
    );
    expect(custom.categoryFor({ action: 'till.opened' })).toBe('pos');
    expect(custom.get('pos')?.label.en).toBe('Till');
    expect(custom.list()).toHaveLength(DEFAULT_CATEGORIES.length + 1);
  });
});
