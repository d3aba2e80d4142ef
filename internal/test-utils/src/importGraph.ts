import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One relative `import` / `export … from` of a module. */
export interface RelativeImport {
  /** The specifier as written, e.g. `./finish.ts`. */
  specifier: string;
  /** `import type …` / `export type … from`: erased from the emitted JavaScript. */
  typeOnly: boolean;
}

/** A module's relative imports, by the absolute path of each module of a source tree. */
export type ImportGraph = Map<string, Set<string>>;

/** Options of {@link buildImportGraph}. */
export interface ImportGraphOptions {
  /**
   * Count `import type` / `export type` edges too. They vanish from the JavaScript, so they cannot
   * make a load-order cycle, but they still tie modules together. Defaults to `true`.
   */
  typeOnly?: boolean;
}

// Statements at the start of a line, so JSDoc `@example` lines (` * import …`) and commented-out
// code never count. The clause between the keyword and `from` holds only names, braces, commas and
// `*`, which keeps a match inside one statement.
const FROM =
  /^[ \t]*(?:import|export)(\s+type\b)?[\w\s{},*$]*?\bfrom\s*(['"])(\.{1,2}\/[^'"\n]*)\2/gm;
const SIDE_EFFECT = /^[ \t]*import\s*(['"])(\.{1,2}\/[^'"\n]*)\1/gm;
const SOURCE = /\.(ts|tsx|mts|cts)$/;

/**
 * The relative specifiers a TypeScript module imports or re-exports statically. Dynamic
 * `import('./x.ts')` is left out: it loads lazily, after both modules have run, so it cannot take
 * part in a load-order cycle (and it is the usual way to break one on purpose).
 *
 * @example
 * ```ts
 * relativeImports("import type { A } from './a.ts';\nexport * from './b.ts';");
 * // → [{ specifier: './a.ts', typeOnly: true }, { specifier: './b.ts', typeOnly: false }]
 * ```
 */
export function relativeImports(source: string): RelativeImport[] {
  const found: { index: number; entry: RelativeImport }[] = [];
  for (const match of source.matchAll(FROM)) {
    found.push({
      index: match.index,
      entry: { specifier: match[3] ?? '', typeOnly: match[1] !== undefined },
    });
  }
  for (const match of source.matchAll(SIDE_EFFECT)) {
    found.push({ index: match.index, entry: { specifier: match[2] ?? '', typeOnly: false } });
  }
  return found.sort((a, b) => a.index - b.index).map(({ entry }) => entry);
}

/** The `.ts` / `.tsx` files below `dir`, as absolute paths, sorted. */
export function listSourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => resolve(entry.parentPath, entry.name))
    .filter((file) => !/[\\/](node_modules|dist)[\\/]/.test(file))
    .sort();
}

/** What {@link buildImportGraph} found: the graph, and relative imports of no file in it. */
export interface ImportGraphResult {
  graph: ImportGraph;
  /** `from.ts → ./missing.ts` for each relative TypeScript import that names no listed file. */
  unresolved: string[];
}

/**
 * The graph of relative imports among `files` (absolute paths). Imports of stylesheets, JSON and
 * other non-TypeScript files are not modules of the graph and are skipped.
 *
 * @example
 * ```ts
 * const { graph } = buildImportGraph(listSourceFiles('packages/schema/src'));
 * findImportCycles(graph); // → [] when the package has no cycle
 * ```
 */
export function buildImportGraph(
  files: string[],
  options: ImportGraphOptions = {},
): ImportGraphResult {
  const { typeOnly } = { typeOnly: true, ...options } satisfies ImportGraphOptions;
  const known = new Set(files);
  const graph: ImportGraph = new Map(files.map((file) => [file, new Set<string>()]));
  const unresolved: string[] = [];
  for (const file of files) {
    for (const edge of relativeImports(readFileSync(file, 'utf8'))) {
      if (edge.typeOnly && !typeOnly) continue;
      const target = resolve(dirname(file), edge.specifier);
      if (known.has(target)) graph.get(file)?.add(target);
      else if (SOURCE.test(target) && !existsSync(target)) {
        unresolved.push(`${file} → ${edge.specifier}`);
      }
    }
  }
  return { graph, unresolved };
}

/** Modules that import each other, directly or through others. */
export interface ImportCycle {
  /** The shortest closed path through the first member, e.g. `[a, b, a]`. */
  path: string[];
  /** Every module of the strongly connected component, sorted (more than `path` when cycles share modules). */
  members: string[];
}

/**
 * Every import cycle of `graph`, one per strongly connected component (Tarjan). Empty when the
 * graph has no cycle.
 */
export function findImportCycles(graph: ImportGraph): ImportCycle[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;

  // Iterative Tarjan: a package's deepest import chain must not be limited by the call stack.
  for (const root of [...graph.keys()].sort()) {
    if (index.has(root)) continue;
    const work: { node: string; edges: Iterator<string> }[] = [];
    const enter = (node: string) => {
      index.set(node, next);
      low.set(node, next);
      next += 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: [...(graph.get(node) ?? [])].sort()[Symbol.iterator]() });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as (typeof work)[number];
      const step = frame.edges.next();
      if (!step.done) {
        const target = step.value;
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(target) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) {
        low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      }
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfLoop = graph.get(frame.node)?.has(frame.node) ?? false;
      if (component.length > 1 || selfLoop) components.push(component.sort());
    }
  }
  return components.map((members) => ({ path: shortestCycle(graph, members), members }));
}

/** The shortest closed path through `component`'s first file, staying inside the component. */
function shortestCycle(graph: ImportGraph, component: string[]): string[] {
  const start = component[0] as string;
  const inside = new Set(component);
  const previous = new Map<string, string>();
  const queue = [start];
  for (let at = 0; at < queue.length; at += 1) {
    const node = queue[at] as string;
    for (const target of [...(graph.get(node) ?? [])].sort()) {
      if (!inside.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let step = node; step !== start; step = previous.get(step) as string) path.push(step);
        return [start, ...path.slice(1).reverse(), start];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

/** A cycle as `a.ts → b.ts → a.ts (+ c.ts)`, with paths relative to `root`. */
export function formatCycle(cycle: ImportCycle, root: string): string {
  const name = (file: string) => relative(root, file).split('\\').join('/');
  const others = cycle.members.filter((member) => !cycle.path.includes(member));
  const rest = others.length > 0 ? ` (same knot: ${others.map(name).join(', ')})` : '';
  return `${cycle.path.map(name).join(' → ')}${rest}`;
}

/** The workspace's source trees: `src/` of every package under `packages/`, `internal/`, `apps/`. */
export function workspaceSourceRoots(workspaceRoot: string): string[] {
  return ['packages', 'internal', 'apps'].flatMap((group) => {
    const groupDir = join(workspaceRoot, group);
    if (!existsSync(groupDir)) return [];
    return readdirSync(groupDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(groupDir, entry.name, 'src')))
      .map((entry) => join(groupDir, entry.name, 'src'))
      .sort();
  });
}
