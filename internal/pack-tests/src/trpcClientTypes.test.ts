import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';
import { ROOT } from './packAndInstall.ts';
import { run } from './run.ts';

const { appDir, node20 } = inject('pack');

it('a tRPC client compiles against the packed packages with precise input and output types', async () => {
  // packages/trpc/test-d-packed: `@ts-expect-error` for every input the router must refuse at
  // compile time, and exact expectations of the inferred types (see its client.ts).
  const fixture = join(ROOT, 'packages/trpc/test-d-packed');
  const dir = join(appDir, 'trpc-client');
  for (const file of await readdir(fixture)) {
    if (/\.(ts|json)$/.test(file) && file !== 'biome.json')
      await cp(join(fixture, file), join(dir, file));
  }
  const tsc = await run(node20, [join(appDir, 'node_modules/typescript/bin/tsc'), '-p', dir], {
    cwd: appDir,
  });
  expect(tsc.stdout + tsc.stderr, 'tsc reported errors').toBe('');
  expect(tsc.code).toBe(0);
});
