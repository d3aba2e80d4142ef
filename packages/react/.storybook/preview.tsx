/// <reference types="vite/client" />
import type { Decorator, Preview } from '@storybook/react-vite';
import { type ReactNode, useState } from 'react';
import { ActivityProvider } from '../src/index.ts';
import { createMemorySource } from '../src/memory.ts';
import { FIXTURE_NOW } from '../src/test/fixtures.ts';
import type { StoryActivity } from '../src/test/storyActivity.ts';

// Every stylesheet of the kit, as apps get it (`@activitykit/react/styles.css`).
import '../src/index.css';

type Theme = 'light' | 'dark' | 'system';

/**
 * The theme stories start in: `light`, or what the test run asks for — the `storybook-dark`
 * project of vitest.config.ts runs every story (and its axe check) again in `dark`.
 */
const initialTheme: Theme = import.meta.env.AK_STORY_THEME === 'dark' ? 'dark' : 'light';

const themeOf = (value: unknown): Theme =>
  value === 'dark' || value === 'system' ? value : value === 'light' ? 'light' : initialTheme;

function Frame(props: {
  activity: StoryActivity | undefined;
  locale: 'en' | 'ru';
  theme: Theme;
  dir: 'ltr' | 'rtl';
  children: ReactNode;
}): ReactNode {
  const { activity, locale, theme, dir, children } = props;
  // One source per rendered story, made once (so "live" stories can keep adding events to it).
  const [source] = useState(
    () => activity?.source?.() ?? createMemorySource({ now: () => FIXTURE_NOW }),
  );
  return (
    <div
      data-ak-theme={theme}
      dir={dir}
      lang={locale}
      className="ak-story-frame"
      style={{ padding: '1rem', minHeight: '100vh' }}
    >
      <ActivityProvider
        source={source}
        locale={locale}
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
 */
const withActivity: Decorator = (Story, context) => (
  <Frame
    key={context.id}
    activity={context.parameters.activity as StoryActivity | undefined}
    locale={context.globals.locale === 'ru' ? 'ru' : 'en'}
    theme={themeOf(context.globals.theme)}
    dir={context.globals.dir === 'rtl' ? 'rtl' : 'ltr'}
  >
    <Story />
  </Frame>
);

const preview: Preview = {
  decorators: [withActivity],
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
  },
};

export default preview;
