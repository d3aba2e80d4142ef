import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { envWithNode, findOldestNode, runOrThrow } from './run.ts';
import './providedContext.ts';

/** The repository's root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The published packages, by folder under `packages/`. */
export const PUBLISHED = [
  'schema',
  'devdb',
  'core',
  'express',
  'trpc',
  'react',
  'mongodb',
] as const;
/** What a user adds beside the kit: TypeScript as users have it today, and the usual typings. */
const SCRATCH_DEV_DEPENDENCIES = {
  typescript: '5.9.3',
  '@types/node': '^20.19.0',
  '@types/express': '^5.0.6',
  '@types/react': '^19.3.0',
  '@types/react-dom': '^19.3.0',
  '@types/ws': '^8.18.1',
};
/** What the READMEs' examples import besides the kit and its peers. */
const SCRATCH_DEPENDENCIES = {
  '@trpc/client': '^11.0.0',
  eventsource: '^4.0.0',
  mongoose: '^9.13.0',
};

/** pnpm as this run was started with (`pnpm test` sets `npm_execpath`), else `pnpm` on PATH. */
function pnpmCommand(): [string, string[]] {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath) && /\.c?js$/.test(execPath)) {
    return [process.execPath, [execPath]];
  }
  return ['pnpm', []];
}

/**
 * Vitest global setup: builds the packages, packs each with `pnpm pack` (as `pnpm publish` would)
 * and installs the tarballs with plain `npm install` into a new app on Node 20, once per run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // ACTIVITYKIT_PACK_DIR keeps the scratch app after the run, to look into it.
  const keep = process.env.ACTIVITYKIT_PACK_DIR;
  const workDir = keep ?? (await mkdtemp(join(tmpdir(), 'activitykit-pack-')));
  if (keep) await rm(keep, { recursive: true, force: true }).then(() => mkdir(keep));
  const node20 = await findOldestNode();
  const [pnpm, pnpmArgs] = pnpmCommand();

  // The same build a release runs (`pnpm build`), so this works on a fresh clone.
  await runOrThrow(pnpm, [...pnpmArgs, '--filter', './packages/*', 'run', 'build'], { cwd: ROOT });

  const tarballDir = join(workDir, 'tarballs');
  await mkdir(tarballDir);
  const tarballs: Record<string, string> = {};
  for (const folder of PUBLISHED) {
    const packed = await runOrThrow(pnpm, [...pnpmArgs, 'pack', '--pack-destination', tarballDir], {
      cwd: join(ROOT, 'packages', folder),
    });
    const file = packed.stdout.trim().split('\n').at(-1)?.trim() ?? '';
    tarballs[`@activitykit/${folder}`] = join(tarballDir, basename(file));
  }

  const appDir = join(workDir, 'app');
  await mkdir(appDir);
  const kit = Object.fromEntries(
    Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]),
  );
  await writeFile(
    join(appDir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'scratch-app',
        private: true,
        type: 'module',
        dependencies: { ...kit, ...SCRATCH_DEPENDENCIES },
        devDependencies: SCRATCH_DEV_DEPENDENCIES,
        // The packed packages name each other at their version; take them from the tarballs too.
        overrides: Object.fromEntries(Object.keys(kit).map((name) => [name, `$${name}`])),
      },
      null,
      2,
    )}\n`,
  );
  await runOrThrow('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: appDir,
    env: envWithNode(node20),
  });

  project.provide('pack', { workDir, appDir, tarballs, node20 });
  return () => (keep ? Promise.resolve() : rm(workDir, { recursive: true, force: true }));
}
