import { buildWeb } from '../src/buildWeb.ts';

/** Vitest global setup: `vite build` of the web app, once for the whole suite. */
export default async function setup(): Promise<void> {
  await buildWeb();
}
