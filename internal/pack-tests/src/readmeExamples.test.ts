import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PUBLISHED, ROOT } from './packAndInstall.ts';
import { type ReadmeExample, readmeExamples } from './readmeExamples.ts';
import { run } from './run.ts';

const { appDir, node20 } = inject('pack');
const mongoUri = inject('mongoUri');

/** Where a README's examples go in the scratch app: `examples/<package folder>/<file>`. */
const folderOf = (example: ReadmeExample) => example.readme.split('/')[1] ?? 'root';
const sourceOf = (example: ReadmeExample) => join('examples', folderOf(example), example.file);
const outputOf = (example: ReadmeExample) =>
  join(appDir, 'out', folderOf(example), example.file.replace(/\.tsx?$/, '.js'));

const readmes = PUBLISHED.map((folder) => `packages/${folder}/README.md`);
const examples = (await Promise.all(readmes.map((readme) => readmeExamples(ROOT, readme)))).flat();
/** tsc's diagnostics, by file relative to the scratch app (`node_modules/…` for the packages). */
const diagnostics = new Map<string, string[]>();

beforeAll(async () => {
  for (const example of examples.filter((each) => each.mode !== 'skip')) {
    const file = join(appDir, sourceOf(example));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${example.code}\n`);
  }
  // What a new TypeScript app has: strict, Node's module resolution, library types checked too.
  await writeFile(
    join(appDir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'esnext',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        skipLibCheck: false,
        jsx: 'react-jsx',
        lib: ['esnext', 'dom', 'dom.iterable'],
        types: ['node'],
        allowJs: true,
        // JavaScript examples are checked by running them, as a JavaScript user would.
        checkJs: false,
        rootDir: 'examples',
        outDir: 'out',
        rewriteRelativeImportExtensions: true,
      },
      include: ['examples'],
    }),
  );
  // Emitting at `esnext` strips types and changes nothing else, as Node's own type stripping would.
  const tsc = await run(node20, [join(appDir, 'node_modules/typescript/bin/tsc'), '-p', '.'], {
    cwd: appDir,
  });
  for (const line of tsc.stdout.split('\n')) {
    const match = /^(.+?)\(\d+,\d+\): error /.exec(line);
    if (!match?.[1]) continue;
    diagnostics.set(match[1], [...(diagnostics.get(match[1]) ?? []), line]);
  }
});

it('the packed type declarations compile with skipLibCheck: false on TypeScript 5.9', () => {
  const library = [...diagnostics].filter(([file]) => !file.startsWith('examples/'));
  const lines = library.flatMap(([, each]) => each);
  expect(lines, lines.join('\n')).toEqual([]);
});

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe.each(readmes)('%s', (readme) => {
  const own = examples.filter((example) => example.readme === readme);
  const servers: ChildProcess[] = [];
  const database = `readme_${readme.split('/')[1]}_${randomBytes(3).toString('hex')}`;
  // One port per README: a program that serves listens on PORT, the ones after it connect to it.
  let port = 0;
  beforeAll(async () => {
    port = await freePort();
  });
  afterAll(() => {
    for (const server of servers) server.kill('SIGKILL');
  });

  it.skipIf(own.length > 0)('has no example program', () => {});

  for (const example of own) {
    const where = `${example.file} (line ${example.line})`;
    it.skipIf(example.mode === 'skip')(`${where} type-checks against the packed packages`, () => {
      const lines = diagnostics.get(sourceOf(example).replaceAll('\\', '/')) ?? [];
      expect(lines, lines.join('\n')).toEqual([]);
    });

    // Programs run in the README's order; one that serves stays up for the ones after it.
    it.runIf(example.mode === 'run')(`${where} runs on Node 20`, async () => {
      const uri = new URL(mongoUri);
      uri.pathname = `/${database}`;
      // A program that serves replaces the README's earlier server on the port; others are its clients.
      if (/\.listen\(/.test(example.code)) {
        for (const server of servers.splice(0)) {
          if (server.exitCode !== null || server.signalCode !== null) continue;
          const gone = new Promise((resolve) => server.once('exit', resolve));
          server.kill('SIGKILL');
          await gone;
        }
      }
      const serverAlreadyUp = servers.length > 0;
      const child = spawn(node20, [outputOf(example)], {
        cwd: appDir,
        env: { ...process.env, MONGODB_URI: uri.toString(), PORT: String(port), NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      const deadline = Date.now() + 60_000;
      let outcome: 'exited' | 'serving' | 'hung' = 'hung';
      let code: number | null = null;
      while (Date.now() < deadline) {
        const result = await Promise.race([exited, sleep(250).then(() => undefined)]);
        if (result !== undefined || child.exitCode !== null) {
          code = result ?? child.exitCode;
          outcome = 'exited';
          break;
        }
        if (!serverAlreadyUp && (await listening(port))) {
          outcome = 'serving';
          servers.push(child);
          break;
        }
      }
      if (outcome === 'hung') child.kill('SIGKILL');
      const passed = outcome === 'serving' || (outcome === 'exited' && code === 0);
      const verdict =
        outcome === 'hung'
          ? `neither exited nor listened on PORT (${port}) within a minute`
          : `exited with ${code}`;
      expect(passed, `${where} ${verdict}; its output:\n${output.slice(-3000)}`).toBe(true);
    });
  }
});
