import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSealingKeys } from '../integrity/keys.ts';
import { defineCommand, EXIT, UsageError } from './shared.ts';

export const KEYGEN_HELP = `Usage: activitykit keygen [--out <dir>] [--force]

Makes an Ed25519 key pair for sealing checkpoints:
  <dir>/activitykit-seal.key  the private key (mode 600) — give it to the process that seals, never to MongoDB
  <dir>/activitykit-seal.pub  the public key — all that verify needs

Options:
  --out <dir>   where to write the keys (default: the current directory)
  --force       overwrite existing key files`;

export const keygen = defineCommand({
  help: KEYGEN_HELP,
  options: {
    out: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run(values, io) {
    const dir = values.out ?? '.';
    const privatePath = join(dir, 'activitykit-seal.key');
    const publicPath = join(dir, 'activitykit-seal.pub');
    if (!values.force && (await exists(privatePath))) {
      throw new UsageError(
        `${privatePath} exists; pass --force to replace it (checkpoints sealed with it then need the old public key).`,
      );
    }
    const keys = generateSealingKeys();
    await mkdir(dir, { recursive: true });
    await writeFile(privatePath, keys.privateKey, { mode: 0o600 });
    await writeFile(publicPath, keys.publicKey);
    io.stdout.write(
      `key id ${keys.keyId}\nprivate key: ${privatePath}\npublic key:  ${publicPath}\n`,
    );
    return EXIT.OK;
  },
});

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
