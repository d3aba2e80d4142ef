// `@activitykit/react/locales/ru`: the kit's strings in Russian. A separate entry so that only an
// app that shows Russian ships them (the main entry's bundle budget, scripts/check-size.mjs); the
// main entry has English built in. Pass them to the provider:
// `<ActivityProvider locale="ru" messages={{ ru: ruMessages }}>` (with the integrity panel:
// `{ ru: { ...ruMessages, ...ruIntegrityMessages } }`).

export { ruIntegrityMessages, ruMessages } from '../i18n/ru/index.ts';
