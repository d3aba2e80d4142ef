/**
 * `pnpm test`: every package's tests against one dev database for the whole run, then one summary
 * line over all of them. Extra arguments go to turbo (e.g. `pnpm test --filter @activitykit/core`).
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { startDevDb } from '@activitykit/devdb';

/** Where each package's vitest writes its JSON report (see the packages' vitest configs). */
const REPORT = '.reports/vitest.json';
const PACKAGE_DIRS = ['packages', 'internal', 'apps'];

const packages: string[] = [];
for (const dir of PACKAGE_DIRS) {
  const entries = await readdir(dir).catch(() => [] as string[]);
  packages.push(...entries.map((entry) => `${dir}/${entry}`));
}
await Promise.all(packages.map((pkg) => rm(`${pkg}/${REPORT}`, { force: true })));

const db = await startDevDb();
const code = await new Promise<number>((resolve) => {
  // `--continue`: one package's failure does not stop the others, so the summary counts them all.
  const child = spawn('turbo', ['run', 'test', '--continue', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, MONGODB_URI: db.uri, TURBO_TELEMETRY_DISABLED: '1' },
  });
  child.once('error', (error) => {
    process.stderr.write(`could not run turbo: ${error.message}\n`);
    resolve(127);
  });
  child.once('exit', (exitCode) => resolve(exitCode ?? 1));
});
await db.stop();

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}
const total = { passed: 0, failed: 0, skipped: 0, packages: 0 };
for (const pkg of packages) {
  const text = await readFile(`${pkg}/${REPORT}`, 'utf8').catch(() => undefined);
  if (!text) continue;
  const report = JSON.parse(text) as VitestReport;
  total.packages += 1;
  total.passed += report.numPassedTests;
  total.failed += report.numFailedTests;
  total.skipped += report.numPendingTests + report.numTodoTests;
}
process.stdout.write(`\nvitest over ${total.packages} package(s):\n`);
process.stdout.write(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exitCode = code !== 0 ? code : total.failed > 0 || total.passed === 0 ? 1 : 0;
