/**
 * Builds the scroll benchmark's page (page/index.html + page/main.tsx) into react-scroll/dist with
 * the Vite and React of packages/react (the bench package does not depend on React itself).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const reactDir = join(here, '../../packages/react');
const requireFromReact = createRequire(join(reactDir, 'package.json'));

/** Builds the page and returns the output directory. */
export async function buildPage(): Promise<string> {
  const vite = (await import(pathToFileURL(requireFromReact.resolve('vite')).href)) as {
    build(config: Record<string, unknown>): Promise<unknown>;
  };
  const react = (await import(pathToFileURL(requireFromReact.resolve('@vitejs/plugin-react')).href))
    .default as () => unknown;
  const outDir = join(here, 'dist');
  const pkg = (name: string) => dirname(requireFromReact.resolve(`${name}/package.json`));
  await vite.build({
    root: join(here, 'page'),
    base: './',
    logLevel: 'warn',
    configFile: false,
    plugins: [react()],
    mode: 'production',
    resolve: {
      conditions: ['@activitykit/source', 'module', 'browser', 'production', 'import', 'default'],
      alias: {
        react: pkg('react'),
        'react-dom': pkg('react-dom'),
      },
    },
    build: {
      outDir,
      emptyOutDir: true,
      reportCompressedSize: false,
      minify: process.env.BENCH_MINIFY !== '0',
    },
  });
  return outDir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`built ${await buildPage()}\n`);
}
