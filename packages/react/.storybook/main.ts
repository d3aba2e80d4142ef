import type { StorybookConfig } from '@storybook/react-vite';
import { defaultClientConditions, mergeConfig } from 'vite';

/**
 * Storybook 10 with the Vite builder. Stories live beside their components
 * (`src/<component>/<Component>.stories.tsx`) and import from the package's public entry.
 * Workspace packages resolve to their TypeScript sources (the `@activitykit/source` condition), so
 * no build is needed first. The default `react-docgen` is kept: the TypeScript one breaks on TS 7.
 */
const config: StorybookConfig = {
  stories: ['../src/**/*.mdx', '../src/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: 'react-docgen' },
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      resolve: { conditions: ['@activitykit/source', ...defaultClientConditions] },
    }),
};

export default config;
