import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DevDbError } from '../errors.ts';
import { findGo } from './goToolchain.ts';

const run = promisify(execFile);

/** The Go program that embeds FerretDB, shipped with this package (works from `src/` and `dist/`). */
export const GO_SOURCE_DIR = fileURLToPath(new URL('../../go/', import.meta.url));

export interface EnsureBinaryOptions {
  cacheDir: string;
  goBinary: string | undefined;
  log: (message: string) => void;
}

/**
 * Returns the path of the embedded FerretDB binary, building it with `go build` when its Go sources
 * changed since the cached build (or there is none). Concurrent builders each build to a temporary
 * file and rename it into place, so a half-written binary is never run.
 */
export async function ensureFerretDbBinary(options: EnsureBinaryOptions): Promise<string> {
  const binary = join(options.cacheDir, 'devdb', `ferretdb-${await sourceHash()}`);
  if (await exists(binary)) return binary;

  const go = await findGo(options.goBinary);
  await mkdir(join(options.cacheDir, 'devdb'), { recursive: true });
  const temporary = `${binary}.${process.pid}.${Date.now()}.tmp`;
  options.log(
    `Building the embedded FerretDB dev server with ${go.version} — only on first use; ` +
      'this takes a minute or two...',
  );
  const started = performance.now();
  try {
    await run(go.binary, ['build', '-trimpath', '-mod=readonly', '-o', temporary, '.'], {
      cwd: GO_SOURCE_DIR,
      env: { ...process.env, GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    await rm(temporary, { force: true });
    const output = (error as { stderr?: string }).stderr?.trim();
    throw new DevDbError(
      'BUILD_FAILED',
      `go build of the embedded FerretDB failed in ${GO_SOURCE_DIR}:\n${output || String(error)}\n` +
        'Check that the Go module proxy is reachable (GOPROXY), or set MONGODB_URI to a MongoDB server you run.',
      { cause: error },
    );
  }
  await rename(temporary, binary);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  options.log(`Built the embedded FerretDB in ${seconds} s; cached at ${binary}`);
  return binary;
}

/** A hash of the Go sources and the target platform: the cache key of the built binary. */
async function sourceHash(): Promise<string> {
  const hash = createHash('sha256').update(`${process.platform}-${process.arch}\n`);
  const sources = (await readdir(GO_SOURCE_DIR))
    .filter((name) => name.endsWith('.go') || name === 'go.mod' || name === 'go.sum')
    .sort();
  for (const name of sources) {
    hash.update(`${name}\n`).update(await readFile(join(GO_SOURCE_DIR, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
