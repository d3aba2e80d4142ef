import { mkdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from './packAndInstall.ts';
import { listFiles, run, runOrThrow } from './run.ts';
import {
  exportTargets,
  type ModuleImports,
  missingImports,
  readModuleImports,
  TEST_ONLY,
  testToolImports,
  undeclaredImports,
  unreachableModules,
} from './tarballContents.ts';

const { tarballs, workDir } = inject('pack');

/** A problem arethetypeswrong found, and in which resolution mode. */
interface AttwProblem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
}
/** The resolution modes attw's `esm-only` profile leaves out. */
const ESM_ONLY_IGNORES = ['node10', 'node16-cjs'];

describe.each(Object.entries(tarballs))('the packed %s', (name, tarball) => {
  const dir = join(workDir, 'unpacked', name.replace('/', '+'));
  let files: string[] = [];
  let manifest: Record<string, unknown> = {};
  let modules: ModuleImports = new Map();
  /** The exports map's and bins' targets. */
  let entries: string[] = [];

  beforeAll(async () => {
    await mkdir(dir, { recursive: true });
    await runOrThrow('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], { cwd: dir });
    files = await listFiles(dir);
    manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    modules = await readModuleImports(dir, files);
    entries = [
      ...exportTargets(manifest.exports),
      ...Object.values((manifest.bin as Record<string, string> | undefined) ?? {}),
    ].map((target) => posix.normalize(target));
  });

  it('passes publint with no error, warning or suggestion', async () => {
    const data = await readFile(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
      strict: true,
    });
    expect(messages.map((message) => formatMessage(message, pkg) ?? message.code)).toEqual([]);
  });

  it('resolves its types and code in every ESM resolution mode (arethetypeswrong)', async () => {
    const attw = join(ROOT, 'internal/pack-tests/node_modules/.bin/attw');
    // Stylesheets are entry points for bundlers, not modules with types.
    const stylesheets = Object.keys((manifest.exports as object | undefined) ?? {}).filter(
      (entry) => entry.endsWith('.css'),
    );
    const output = join(dir, '..', `${name.replace('/', '+')}.attw.json`);
    // Through a file: piped, attw exits before a long JSON report is written out.
    const args = [tarball, '--profile', 'esm-only', '--format', 'json'];
    if (stylesheets.length > 0) args.push('--exclude-entrypoints', ...stylesheets);
    const result = await run('sh', ['-c', `"$0" "$@" > '${output}'`, attw, ...args], {
      cwd: workDir,
    });
    const report = JSON.parse(await readFile(output, 'utf8')) as {
      analysis?: { problems?: AttwProblem[] };
    };
    // The packages are ESM only: `require()` (node10, node16 from CommonJS) is out of scope.
    const problems = (report.analysis?.problems ?? []).filter(
      (problem) => !ESM_ONLY_IGNORES.includes(problem.resolutionKind ?? ''),
    );
    expect(report.analysis).toBeDefined();
    expect(problems).toEqual([]);
    expect(result.code, result.stderr).toBe(0);
  });

  it('holds no test, story or fixture file', () => {
    expect(files.filter((file) => TEST_ONLY.test(file))).toEqual([]);
  });

  it('imports no test runner, story or browser tool (vitest, Storybook, Playwright…)', () => {
    expect(modules.size).toBeGreaterThan(0);
    expect(testToolImports(modules)).toEqual([]);
  });

  it('imports from its compiled code only what it depends on, and files it holds', () => {
    expect(undeclaredImports(modules, manifest)).toEqual([]);
    expect(missingImports(modules, files)).toEqual([]);
  });

  it('ships only compiled modules that its entry points load (no test or story helper)', () => {
    expect(unreachableModules(modules, entries)).toEqual([]);
  });

  it('holds every file its exports map and bins name', () => {
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter((target) => !files.includes(target))).toEqual([]);
  });

  it('has source maps whose sources are in the tarball', async () => {
    const maps = files.filter((file) => file.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(await readFile(join(dir, map), 'utf8')) as {
        sources: string[];
        sourcesContent?: (string | null)[];
      };
      sources.forEach((source, index) => {
        const file = posix.normalize(posix.join(posix.dirname(map), source));
        if (!files.includes(file) && !sourcesContent?.[index]) missing.push(`${map} → ${source}`);
      });
    }
    expect(missing).toEqual([]);
  });
});
