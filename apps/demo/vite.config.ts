import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

const REACT_SRC = fileURLToPath(new URL('../../packages/react/src/', import.meta.url));
const STYLES_ID = '@activitykit/react/styles.css';

/**
 * `@activitykit/react/styles.css` is exported from `dist/` only, where the package's build script
 * concatenates `src/styles.css` and every component's CSS. Without a build step the demo does the
 * same from the sources, in the same order.
 */
function activityKitStylesFromSource(): Plugin {
  const cssFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return cssFiles(path);
      return entry.name.endsWith('.css') ? [path] : [];
    });
  return {
    name: 'activitykit-styles-from-source',
    enforce: 'pre',
    resolveId: (id) => (id === STYLES_ID ? `${REACT_SRC}activitykit-styles.css` : undefined),
    load(id) {
      if (id !== `${REACT_SRC}activitykit-styles.css`) return undefined;
      const base = join(REACT_SRC, 'styles.css');
      const files = [
        base,
        ...cssFiles(REACT_SRC)
          .filter((file) => file !== base)
          .sort(),
      ];
      for (const file of files) this.addWatchFile(file);
      return files.map((file) => readFileSync(file, 'utf8')).join('\n');
    },
  };
}

/**
 * The web app. Workspace packages resolve to their TypeScript sources (the `@activitykit/source`
 * export condition), so the demo needs no package build step.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [activityKitStylesFromSource(), react()],
  resolve: { conditions: ['@activitykit/source', ...defaultClientConditions] },
  build: { outDir: 'dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/trpc': 'http://127.0.0.1:3000' } },
});
