import { build } from 'vite';
import { APP_DIR } from './paths.ts';

/** Builds the web app (`vite build` with the app's `vite.config.ts`) into `dist/web`. */
export async function buildWeb(): Promise<void> {
  await build({ root: APP_DIR, configFile: `${APP_DIR}vite.config.ts`, logLevel: 'warn' });
}
