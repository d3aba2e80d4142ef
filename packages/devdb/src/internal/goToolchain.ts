import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DevDbError } from '../errors.ts';

const run = promisify(execFile);

/** The oldest Go that builds FerretDB 1.24. */
export const MIN_GO = { major: 1, minor: 24 } as const;

/** Where Go is looked for when `go` is not on PATH: the official installers' default location. */
const FALLBACK_GO = '/usr/local/go/bin/go';

export interface GoToolchain {
  binary: string;
  version: string;
}

/**
 * Finds a Go toolchain ≥ {@link MIN_GO}: the given binary, else `go` on PATH, else the official
 * installers' location. Throws a {@link DevDbError} that says what to do when there is none.
 */
export async function findGo(preferred?: string): Promise<GoToolchain> {
  const candidates = preferred ? [preferred] : ['go', FALLBACK_GO];
  for (const binary of candidates) {
    const version = await goVersion(binary);
    if (!version) continue;
    const match = /^go(\d+)\.(\d+)/.exec(version);
    const major = Number(match?.[1] ?? 0);
    const minor = Number(match?.[2] ?? 0);
    if (major < MIN_GO.major || (major === MIN_GO.major && minor < MIN_GO.minor)) {
      throw new DevDbError(
        'GO_TOO_OLD',
        `${binary} is ${version}, but building the embedded FerretDB needs Go ≥ ${MIN_GO.major}.${MIN_GO.minor}. ` +
          'Install a newer Go (https://go.dev/dl/), or set MONGODB_URI to a MongoDB server you already run.',
      );
    }
    return { binary, version };
  }
  throw new DevDbError(
    'GO_NOT_FOUND',
    `No Go toolchain was found (tried ${candidates.join(', ')}), and no MongoDB server was given. ` +
      `Set MONGODB_URI to a MongoDB server you already run, or install Go ≥ ${MIN_GO.major}.${MIN_GO.minor} ` +
      '(https://go.dev/dl/) so that the embedded FerretDB dev server can be built once.',
  );
}

async function goVersion(binary: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(binary, ['env', 'GOVERSION'], {
      env: { ...process.env, GOTOOLCHAIN: 'local' },
    });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}
