/**
 * What a packed package's files say about themselves: which look like test helpers, what each
 * module imports, and which compiled modules no entry point loads. Pure functions over the
 * unpacked tarball, for `tarballs.test.ts`.
 */
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { join, posix } from 'node:path';

/** Names that belong to tests, stories and their fixtures, never to a published package. */
export const TEST_ONLY =
  /(^|\/)(test|tests|__tests__)\/|\.(test|test-d|stories|spec)\.|(^|\/)(fixtures?|fixtureDrafts|testUtils|storySources|exportFixture)\./;

/** Packages that run tests, stories or browsers: nothing published may import them. */
export const TEST_TOOLS =
  /^(vitest|@vitest\/.*|storybook|storybook\/.*|@storybook\/.*|playwright|playwright-core|@playwright\/.*|fast-check|@testing-library\/.*)(\/.*)?$/;

/** The modules of a package: compiled JavaScript and declarations, and TypeScript sources. */
const MODULE = /\.(js|mjs|d\.ts|d\.mts|ts|tsx)$/;

// Statements start a line in tsc's output; JSDoc examples (` * import …`) never do.
const STATIC = /^[ \t]*(?:import|export)\b[\w\s{},*$]*?\bfrom\s*(['"])([^'"\n]+)\1/gm;
const SIDE_EFFECT = /^[ \t]*import\s*(['"])([^'"\n]+)\1/gm;
const DYNAMIC = /\bimport\(\s*(['"])([^'"\n]+)\1\s*\)/g;
const BLOCK_COMMENT = /\/\*[\s\S]*?\*\//g;

/**
 * Every module specifier a compiled module or declaration file names: static imports and
 * re-exports, side-effect imports, and `import('…')` (dynamic imports, and declaration files' type
 * imports). Block comments are skipped.
 *
 * @example
 * ```ts
 * moduleSpecifiers("import { a } from './a.js';\nconst b = await import('vitest');");
 * // → ['./a.js', 'vitest']
 * ```
 */
export function moduleSpecifiers(source: string): string[] {
  const code = source.replace(BLOCK_COMMENT, '');
  const found = [STATIC, SIDE_EFFECT, DYNAMIC].flatMap((pattern) =>
    [...code.matchAll(pattern)].map((match) => match[2] ?? ''),
  );
  return [...new Set(found)];
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** The modules of a tarball (paths relative to its root) with what each imports. */
export type ModuleImports = Map<string, string[]>;

/** Reads the imports of every module among `files`, below the unpacked package `dir`. */
export async function readModuleImports(dir: string, files: string[]): Promise<ModuleImports> {
  const modules: ModuleImports = new Map();
  for (const file of files.filter((each) => MODULE.test(each))) {
    modules.set(file, moduleSpecifiers(await readFile(join(dir, file), 'utf8')));
  }
  return modules;
}

/** `file → specifier` for each import of a test, story or browser tool (`TEST_TOOLS`). */
export function testToolImports(modules: ModuleImports): string[] {
  return [...modules].flatMap(([file, specifiers]) =>
    specifiers.filter((specifier) => TEST_TOOLS.test(specifier)).map((s) => `${file} → ${s}`),
  );
}

/**
 * `file → specifier` for each import by compiled code (`dist/`) of a package the manifest does not
 * depend on (`dependencies`, `peerDependencies`, `optionalDependencies`), other than Node's
 * built-ins and the package itself: a devDependency there breaks for whoever installs it.
 */
export function undeclaredImports(modules: ModuleImports, manifest: Record<string, unknown>) {
  const declared = new Set<string>([String(manifest.name)]);
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const name of Object.keys((manifest[field] as object | undefined) ?? {})) {
      declared.add(name);
    }
  }
  return [...modules]
    .filter(([file]) => file.startsWith('dist/'))
    .flatMap(([file, specifiers]) =>
      specifiers
        .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('/'))
        .filter((specifier) => !isBuiltin(specifier) && !declared.has(packageOf(specifier)))
        .map((specifier) => `${file} → ${specifier}`),
    );
}

/** Where a relative import of `from` points, relative to the package root. */
function resolveRelative(from: string, specifier: string): string {
  return posix.normalize(posix.join(posix.dirname(from), specifier));
}

/** `dist/a.js`, `dist/a.d.ts` and a declaration's `./a.ts` all stand for the module `dist/a`. */
function moduleOf(file: string): string {
  return file.replace(/(\.d)?\.(m?js|m?ts|tsx)$/, '');
}

/**
 * `file → specifier` for each relative import by compiled code that names no file of the tarball
 * (a declaration's `./a.ts` names `a.d.ts`, as TypeScript reads it).
 */
export function missingImports(modules: ModuleImports, files: string[]): string[] {
  const shipped = new Set(files);
  const declared = new Set(files.filter((file) => /\.d\.m?ts$/.test(file)).map(moduleOf));
  return [...modules]
    .filter(([file]) => file.startsWith('dist/'))
    .flatMap(([file, specifiers]) =>
      specifiers
        .filter((specifier) => specifier.startsWith('.'))
        .filter((specifier) => {
          const target = resolveRelative(file, specifier);
          if (shipped.has(target)) return false;
          return !(/\.d\.m?ts$/.test(file) && declared.has(moduleOf(target)));
        })
        .map((specifier) => `${file} → ${specifier}`),
    );
}

/**
 * The compiled modules (`dist/**.js` with its `.d.ts`) that no entry point loads, directly or
 * through others, in code or in types: code built and shipped that only tests, stories or
 * benchmarks use. `entries` are the exports map's and bins' targets.
 */
export function unreachableModules(modules: ModuleImports, entries: string[]): string[] {
  const importsOf = new Map<string, string[]>();
  for (const [file, specifiers] of modules) {
    const targets = specifiers
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => moduleOf(resolveRelative(file, specifier)));
    importsOf.set(moduleOf(file), [...(importsOf.get(moduleOf(file)) ?? []), ...targets]);
  }
  const seen = new Set<string>();
  const queue = entries.map((entry) => moduleOf(posix.normalize(entry)));
  while (queue.length > 0) {
    const module = queue.pop() as string;
    if (seen.has(module)) continue;
    seen.add(module);
    queue.push(...(importsOf.get(module) ?? []));
  }
  return [...modules.keys()]
    .filter((file) => file.startsWith('dist/') && !seen.has(moduleOf(file)))
    .sort();
}

/** Every string target of an `exports` map, whatever the condition. */
export function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}
