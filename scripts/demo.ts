/**
 * `pnpm demo`: the ActivityKit demo app (apps/demo) on the dev database — data kept in
 * `.activitykit/demo-db` between runs, seeded on the first run — served on one port (`PORT`,
 * default 3000). Ctrl-C stops it; the activity writer flushes first, so nothing is lost.
 */
import { ACCOUNTS, DEMO_PASSWORD } from '../apps/demo/src/server/domain/accounts.ts';
import { startDemo } from '../apps/demo/src/startDemo.ts';

const demo = await startDemo().catch((error: Error) => {
  process.stderr.write(`\n  The demo could not start: ${error.message}\n\n`);
  process.exit(1);
});
const accounts = ACCOUNTS.filter((account) => account.listed);
const width = Math.max(...accounts.map((account) => account.email.length));
process.stdout.write(
  [
    '',
    `  ActivityKit demo: ${demo.url}`,
    '',
    `  Sign in as (password ${DEMO_PASSWORD}):`,
    ...accounts.map(
      (account) =>
        `    ${account.email.padEnd(width)}  ${account.role}${account.otp ? ', one-time code printed here' : ''}`,
    ),
    '',
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n'),
);
await new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
process.stdout.write('\n  stopping: flushing the activity log…\n');
await demo.stop();
