import { createPublicKey } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileAnchor, generateSealingKeys, type IntegrityOptions } from '@activitykit/core';

/** The demo's tamper evidence: its sealing key pair and the anchor file, kept outside MongoDB. */
export interface DemoSealing {
  /** Ed25519 private key (PEM): only the demo server and the seed, which seal, hold it. */
  privateKey: string;
  /** Its public half (PEM): what verify checks the checkpoints with. */
  publicKey: string;
  /** The append-only copy of every checkpoint (`fileAnchor`), beside the database. */
  anchorFile: string;
}

const PRIVATE_KEY = 'sealing-key.pem';
const PUBLIC_KEY = 'sealing-key.pub.pem';
const ANCHOR = 'checkpoints.ndjson';

/**
 * The sealing key pair kept in `dir`, made on the first call (`generateSealingKeys()`; the private
 * key readable by its owner only, mode 0600) and the same on every later one. `created` says that
 * the pair is new: checkpoints sealed before with another key then verify as `wrongKey`.
 */
export async function loadSealing(dir: string): Promise<DemoSealing & { created: boolean }> {
  const anchorFile = join(dir, ANCHOR);
  const privatePath = join(dir, PRIVATE_KEY);
  const existing = await readFile(privatePath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing) {
    // The public half follows from the private key; the .pub.pem file is for the CLI and people.
    const publicKey = createPublicKey(existing).export({ type: 'spki', format: 'pem' }).toString();
    return { privateKey: existing, publicKey, anchorFile, created: false };
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateSealingKeys();
  // `wx`: never overwrite a key another process wrote meanwhile (its checkpoints would not verify).
  await writeFile(privatePath, privateKey, { mode: 0o600, flag: 'wx' });
  await chmod(privatePath, 0o600); // whatever the umask
  await writeFile(join(dir, PUBLIC_KEY), publicKey);
  return { privateKey, publicKey, anchorFile, created: true };
}

/** The store's `integrity` option: seal with the demo's key, anchoring every checkpoint in its file. */
export function storeIntegrity(
  sealing: DemoSealing,
  timing: Pick<IntegrityOptions, 'sealIntervalMs' | 'sealDelayMs'>,
): IntegrityOptions {
  return { privateKey: sealing.privateKey, anchor: fileAnchor(sealing.anchorFile), ...timing };
}

/**
 * Forgets the anchored checkpoints: a re-seed drops the database (and its checkpoints), and the
 * new history starts a new chain. Without this, verify would find the anchor ahead of MongoDB.
 */
export async function resetAnchor(sealing: DemoSealing): Promise<void> {
  await rm(sealing.anchorFile, { force: true });
}
