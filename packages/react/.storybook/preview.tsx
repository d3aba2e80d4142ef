/// <reference types="vite/client" />
import type { Decorator, Preview } from '@storybook/react-vite';
import { type ReactNode, useState } from 'react';
import { ActivityProvider, type MessageOverrides } from '../src/index.ts';
import { ruIntegrityMessages, ruMessages } from '../src/locales/ru.ts';
import { createMemorySource } from '../src/memory.ts';
import { FIXTURE_NOW } from '../src/test/fixtures.ts';
import type { StoryActivity } from '../src/test/storyActivity.ts';
import { componentDescription, docgenArgTypes } from './docgenArgTypes.ts';
import { VIEWPORTS } from './viewports.ts';

// Every stylesheet of the kit, as apps get it (`@activitykit/react/styles.css`).
import '../src/index.css';

/** A theme of the kit (`data-ak-theme`), or `host-dark`: a dark host page that sets none. */
type Theme = 'light' | 'dark' | 'system' | 'host-dark';

/**
 * The theme stories start in: `light`, or what the test run asks for — the `storybook-dark`
 * project of vitest.config.ts runs every story (and its axe check) again in `dark`.
 */
const initialTheme: Theme = import.meta.env.AK_STORY_THEME === 'dark' ? 'dark' : 'light';

const THEMES: readonly unknown[] = ['light', 'dark', 'system', 'host-dark'] satisfies Theme[];
const themeOf = (value: unknown): Theme =>
  THEMES.includes(value) ? (value as Theme) : initialTheme;

/** Russian, as an app that shows it passes it (the kit's strings and the integrity panel's). */
const RUSSIAN: MessageOverrides = { ru: { ...ruMessages, ...ruIntegrityMessages } };

/** A dark app page around the kit that does not set `data-ak-theme` (the kit stays light). */
const HOST_DARK = { background: '#0d1117', color: '#e6edf3' };

function Frame(props: {
  activity: StoryActivity | undefined;
  locale: 'en' | 'ru';
  theme: Theme;
  dir: 'ltr' | 'rtl';
  /** On a docs page: as tall as the story, not the window. */
  inDocs: boolean;
  children: ReactNode;
}): ReactNode {
  const { activity, locale, theme, dir, inDocs, children } = props;
  // One source per rendered story, made once (so "live" stories can keep adding events to it).
  const [source] = useState(
    () => activity?.source?.() ?? createMemorySource({ now: () => FIXTURE_NOW }),
  );
  return (
    <div
      data-ak-theme={theme === 'host-dark' ? undefined : theme}
      dir={dir}
      lang={locale}
      className="ak-story-frame"
      style={{
        padding: '1rem',
        minHeight: inDocs ? undefined : '100vh',
        ...(theme === 'host-dark' ? HOST_DARK : {}),
      }}
    >
      <ActivityProvider
        source={source}
        locale={locale}
        {...(locale === 'ru' ? { messages: RUSSIAN } : {})}
        timeZone={activity?.timeZone ?? 'UTC'}
        now={activity?.now ?? (() => FIXTURE_NOW)}
      >
        {children}
      </ActivityProvider>
    </div>
  );
}

/**
 * Wraps every story in `<ActivityProvider>` with the story's `parameters.activity` (a memory
 * source factory, time zone and clock; see src/test/storyActivity.ts) and the toolbar's locale,
 * theme and text direction. Without `parameters.activity`, stories get an empty memory source.
 * The `side-by-side` theme renders the story twice, light and dark, each with its own source
 * (two columns when there is room, stacked on a phone).
 */
const withActivity: Decorator = (Story, context) => {
  const frame = (theme: Theme, key: string) => (
    <Frame
      key={key}
      activity={context.parameters.activity as StoryActivity | undefined}
      locale={context.globals.locale === 'ru' ? 'ru' : 'en'}
      theme={theme}
      dir={context.globals.dir === 'rtl' ? 'rtl' : 'ltr'}
      inDocs={context.viewMode === 'docs'}
    >
      <Story />
    </Frame>
  );
  if (context.globals.theme !== 'side-by-side')
    return frame(themeOf(context.globals.theme), context.id);
  return (
    <div
      className="ak-story-side-by-side"
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 30rem), 1fr))',
      }}
    >
      {frame('light', `${context.id}-light`)}
      {frame('dark', `${context.id}-dark`)}
    </div>
  );
};

const preview: Preview = {
  // A docs page (props table with descriptions and defaults, every story) for every component.
  tags: ['autodocs'],
  decorators: [withActivity],
  argTypesEnhancers: [docgenArgTypes],
  globalTypes: {
    locale: {
      description: 'Language of the components',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'ru', title: 'Русский' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Colour theme (data-ak-theme)',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'system', title: 'System (prefers-color-scheme)' },
          { value: 'side-by-side', title: 'Side by side (light and dark)' },
          { value: 'host-dark', title: 'Dark host page, no data-ak-theme' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', theme: initialTheme, dir: 'ltr' },
  parameters: {
    layout: 'fullscreen',
    // Every story is also an axe check; a violation fails its test.
    a11y: { test: 'error' },
    controls: { matchers: { date: /(At|Date)$/ } },
    // The toolbar's viewport menu; a story can start in one with `globals: { viewport: { value:
    // 'phone' } }` (addon-vitest then sizes its test page the same). Without one, tests run at 1200×900.
    viewport: { options: VIEWPORTS },
    docs: { extractComponentDescription: componentDescription },
  },
};

export default preview;
