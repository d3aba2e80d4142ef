import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildImportGraph,
  findImportCycles,
  formatCycle,
  type ImportGraph,
  listSourceFiles,
  relativeImports,
} from './importGraph.ts';

const graphOf = (edges: Record<string, string[]>): ImportGraph =>
  new Map(Object.entries(edges).map(([from, to]) => [from, new Set(to)]));

describe('relativeImports', () => {
  it('reads imports, re-exports and side-effect imports, across lines, in order', () => {
    const source = [
      "import { a, type B } from './a.ts';",
      'import {',
      '  c,',
      '  d as e,',
      "} from '../c.ts';",
      "import * as ns from './ns.ts';",
      "import './styles.css';",
      "export * from './all.ts';",
      'export { f } from "./f.ts";',
      "import { x } from '@activitykit/schema';",
    ].join('\n');
    expect(relativeImports(source).map(({ specifier }) => specifier)).toEqual([
      './a.ts',
      '../c.ts',
      './ns.ts',
      './styles.css',
      './all.ts',
      './f.ts',
    ]);
  });

  it('marks `import type` and `export type … from` as type-only, inline `type` names not', () => {
    const source = [
      "import type { A } from './a.ts';",
      "export type { B } from './b.ts';",
      "import { type C } from './c.ts';",
    ].join('\n');
    expect(relativeImports(source)).toEqual([
      { specifier: './a.ts', typeOnly: true },
      { specifier: './b.ts', typeOnly: true },
      { specifier: './c.ts', typeOnly: false },
    ]);
  });

  it('skips dynamic imports, comments and JSDoc examples', () => {
    const source = [
      "const lazy = () => import('./lazy.ts');",
      "// import { old } from './old.ts';",
      '/**',
      " * import { example } from './example.ts';",
      ' */',
    ].join('\n');
    expect(relativeImports(source)).toEqual([]);
  });
});

describe('findImportCycles', () => {
  it('finds nothing in a graph without cycles', () => {
    expect(findImportCycles(graphOf({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
  });

  it('finds a two-module cycle and a self-import', () => {
    const cycles = findImportCycles(graphOf({ a: ['b'], b: ['a'], c: ['c'] }));
    expect(cycles.map(({ path }) => path)).toEqual([
      ['a', 'b', 'a'],
      ['c', 'c'],
    ]);
  });

  it('gives the shortest path of a knot and names its other members', () => {
    // requestActivity → finish → autoEvents → requestActivity, and finish → facts → requestActivity.
    const cycles = findImportCycles(
      graphOf({ '/w/r': ['/w/f'], '/w/f': ['/w/a', '/w/x'], '/w/a': ['/w/r'], '/w/x': ['/w/r'] }),
    );
    expect(cycles.map((cycle) => formatCycle(cycle, '/w'))).toEqual([
      'a → r → f → a (same knot: x)',
    ]);
  });

  it('walks a long chain without running out of stack', () => {
    const size = 20_000;
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < size; i += 1) edges[`m${i}`] = [`m${(i + 1) % size}`];
    const [cycle] = findImportCycles(graphOf(edges));
    expect(cycle?.members).toHaveLength(size);
    expect(cycle?.path).toHaveLength(size + 1);
  });
});

describe('buildImportGraph', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-graph-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves relative imports between files and reports those of no file', () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.ts'), "import type { B } from './sub/b.tsx';\n");
    writeFileSync(join(dir, 'sub', 'b.tsx'), "import { a } from '../a.ts';\nimport './b.css';\n");
    writeFileSync(join(dir, 'c.ts'), "export { gone } from './gone.ts';\n");
    const files = listSourceFiles(dir);
    const { graph, unresolved } = buildImportGraph(files);
    expect(findImportCycles(graph).map((cycle) => formatCycle(cycle, dir))).toEqual([
      'a.ts → sub/b.tsx → a.ts',
    ]);
    expect(unresolved).toEqual([`${join(dir, 'c.ts')} → ./gone.ts`]);
    // Without type-only edges, the cycle is gone.
    expect(findImportCycles(buildImportGraph(files, { typeOnly: false }).graph)).toEqual([]);
  });
});
