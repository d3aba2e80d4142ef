import { fileURLToPath } from 'node:url';

const at = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** The repository root. */
export const REPO_ROOT = at('../../../');
/** Where `pnpm demo` keeps its dev database between runs. */
export const DEMO_DB_DIR = at('../../../.activitykit/demo-db');
/**
 * The demo's tamper evidence, beside its database: the Ed25519 sealing key pair and the anchor
 * file (a copy of every checkpoint outside MongoDB). See `sealing.ts`.
 */
export const DEMO_SEALING_DIR = at('../../../.activitykit/demo-sealing');
/** The activity writer's local journal of the demo. */
export const DEMO_JOURNAL_DIR = at('../../../.activitykit/demo-journal');
/** The demo app's folder (Vite's root). */
export const APP_DIR = at('../');
/** Where `vite build` puts the web app the server serves. */
export const WEB_DIST_DIR = at('../dist/web');
/** The database of the demo on the dev database server. */
export const DEMO_DB_NAME = 'activitykit_demo';
