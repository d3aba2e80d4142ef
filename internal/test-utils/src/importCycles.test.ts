/**
 * No module of the workspace imports itself back, directly or through others. Type-only imports
 * (`import type`, `export type … from`) count: they leave no trace in the JavaScript, but a type
 * cycle still ties two modules into one, and every known cycle here was one.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildImportGraph,
  findImportCycles,
  formatCycle,
  listSourceFiles,
  workspaceSourceRoots,
} from './importGraph.ts';

const WORKSPACE = fileURLToPath(new URL('../../../', import.meta.url));
const roots = workspaceSourceRoots(WORKSPACE).map((root) => ({
  name: relative(WORKSPACE, root).split('\\').join('/'),
  root,
}));

describe('import cycles', () => {
  it('looks at the src folder of every package, internal package and app', () => {
    expect(roots.map(({ name }) => name)).toEqual(
      expect.arrayContaining([
        'packages/schema/src',
        'packages/core/src',
        'packages/express/src',
        'packages/trpc/src',
        'packages/react/src',
        'packages/devdb/src',
        'internal/test-utils/src',
        'apps/demo/src',
      ]),
    );
  });

  it.each(roots)('finds no import cycle in $name', ({ root }) => {
    const files = listSourceFiles(root);
    const { graph, unresolved } = buildImportGraph(files);
    expect(unresolved, 'relative imports that name no file (or were misread)').toEqual([]);
    expect([...graph.values()].some((targets) => targets.size > 0)).toBe(true);
    // Each entry prints the cycle: `a.ts → b.ts → a.ts`.
    expect(findImportCycles(graph).map((cycle) => formatCycle(cycle, root))).toEqual([]);
  });
});
