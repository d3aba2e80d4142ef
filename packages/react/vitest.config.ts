import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@activitykit/test-utils/chromium';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import type { BrowserCommand } from 'vitest/node';

/** Workspace packages resolve to their TypeScript sources, as `customConditions` does for tsc. */
const nodeConditions = ['@activitykit/source', ...defaultServerConditions];
const browserConditions = ['@activitykit/source', ...defaultClientConditions];

const configDir = fileURLToPath(new URL('./.storybook', import.meta.url));

/**
 * System Chromium through playwright-core. Each project gets its own fresh `browser` object
 * (a shared one fails: "Cannot define a nested project…").
 */
const chromium = () => ({
  enabled: true,
  headless: true,
  provider: playwright({
    launchOptions: chromiumLaunchOptions(),
  }),
  instances: [{ browser: 'chromium' as const }],
});

/** Emulates the reader's prefers-color-scheme in the test page. */
const setColorScheme: BrowserCommand<['light' | 'dark']> = async (context, scheme) => {
  await context.page.emulateMedia({ colorScheme: scheme });
};

export default defineConfig({
  test: {
    // The root `pnpm test` sums these reports into one line.
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
    projects: [
      {
        // Data sources against real servers (devdb + @activitykit/express / @activitykit/trpc).
        resolve: { conditions: nodeConditions },
        ssr: { resolve: { conditions: nodeConditions } },
        // Vitest loads `globalSetup` in its own `__vitest__` environment, which needs them too.
        environments: { __vitest__: { resolve: { conditions: nodeConditions } } },
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts'],
          globalSetup: [fileURLToPath(import.meta.resolve('@activitykit/test-utils/globalSetup'))],
          testTimeout: 30_000,
          hookTimeout: 600_000,
        },
      },
      {
        // Component and hook tests in real Chromium.
        plugins: [react()],
        resolve: { conditions: browserConditions },
        test: {
          name: 'browser',
          include: ['src/**/*.test.tsx'],
          browser: {
            ...chromium(),
            // A desktop window (the log lays itself out as cards below 45rem).
            viewport: { width: 1280, height: 800 },
            // `commands.setColorScheme('dark')` emulates prefers-color-scheme (src/theme.test.tsx).
            commands: { setColorScheme },
          },
          testTimeout: 20_000,
        },
      },
      // Every story is a test: it renders, runs its play function and passes axe — once in the
      // light theme and once more in the dark one (.storybook/preview.tsx reads AK_STORY_THEME).
      ...(['light', 'dark'] as const).map((theme) => ({
        plugins: [storybookTest({ configDir })],
        resolve: { conditions: browserConditions },
        define: { 'import.meta.env.AK_STORY_THEME': JSON.stringify(theme) },
        test: {
          name: theme === 'light' ? 'storybook' : 'storybook-dark',
          browser: { ...chromium(), viewport: { width: 1280, height: 800 } },
          testTimeout: 30_000,
        },
      })),
    ],
  },
});
