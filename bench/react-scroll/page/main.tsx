// The benchmark page: <ActivityLog> over a memory source of 100 000 events, every page already in
// the query cache (as if the reader had scrolled to the end). Built by ../build.ts with the react
// package's Vite; imports the package's sources directly (the pre-loading helper is internal).
import { createRoot } from 'react-dom/client';
import { ActivityLog, ActivityProvider } from '../../../packages/react/src/index.ts';
import { generateActivityEvents } from '../../../packages/react/src/log/fixtures.ts';
import { createMemorySource } from '../../../packages/react/src/memory.ts';
import { PreloadedList } from '../../../packages/react/src/test/PreloadedList.tsx';
import '../../../packages/react/src/styles.css';
import '../../../packages/react/src/log/log.css';

const params = new URLSearchParams(location.search);
const count = Number(params.get('events') ?? 100_000);
const now = new Date('2026-11-23T15:00:00Z');
const started = performance.now();
const events = generateActivityEvents({ count, now, spanDays: 365 });
const generatedMs = performance.now() - started;
const source = createMemorySource({ events, now: () => now });
const pageSize = 200;

declare global {
  interface Window {
    __bench?: { count: number; generatedMs: number; renderedMs?: number };
  }
}
window.__bench = { count, generatedMs };

const root = document.getElementById('root') as HTMLElement;
createRoot(root).render(
  <ActivityProvider source={source} timeZone="UTC" now={() => now}>
    <PreloadedList events={source.snapshot()} pageSize={pageSize}>
      <ActivityLog pageSize={pageSize} live={false} style={{ height: 'calc(100vh - 2rem)' }} />
    </PreloadedList>
  </ActivityProvider>,
);
requestAnimationFrame(() => {
  if (window.__bench) window.__bench.renderedMs = performance.now() - started;
});
