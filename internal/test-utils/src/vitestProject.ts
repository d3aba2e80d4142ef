import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

/** Resolve workspace packages to their TypeScript sources, as `customConditions` does for tsc. */
const conditions = ['@activitykit/source', 'module', 'node'];
/**
 * What vitest hands to Node (`--conditions`) for externalized dependencies. Vite adds `import` /
 * `require` and `default` by itself; listing `import` here would apply it to `require()` too, and
 * CommonJS packages (Express's router requiring `is-promise`) would get ESM builds.
 */
const externalConditions = ['@activitykit/source', 'node'];

/**
 * The vitest config of a workspace package whose tests talk to the dev database.
 *
 * @example
 * ```ts
 * // packages/core/vitest.config.ts
 * export default activityKitProject();
 * ```
 */
export function activityKitProject(overrides: ViteUserConfig = {}): ViteUserConfig {
  return mergeConfig(
    defineConfig({
      resolve: { conditions },
      ssr: { resolve: { conditions, externalConditions } },
      // Vitest runs `globalSetup` in its own `__vitest__` environment, which does not inherit the
      // conditions above: without them it looks for the dev database's `dist/`, absent before a build.
      environments: { __vitest__: { resolve: { conditions, externalConditions } } },
      test: {
        // The root `pnpm test` sums these reports into one line.
        reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
        globalSetup: [fileURLToPath(new URL('./globalSetup.ts', import.meta.url))],
        testTimeout: 30_000,
        hookTimeout: 600_000,
      },
    }),
    overrides,
  );
}
