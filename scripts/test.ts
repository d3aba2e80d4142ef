/**
 * `pnpm test`: every package's tests against one dev database for the whole run, then one summary
 * over all of them. Extra arguments go to turbo (e.g. `pnpm test --filter @activitykit/core`).
 *
 * A package counts as failed, by name, when it did not start, ran no test, or its command failed
 * after its tests (see `summarize`).
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startDevDb } from '@activitykit/devdb';
import {
  type PackageRun,
  summarize,
  type VitestReport,
} from '../internal/test-utils/src/testSummary.ts';

/** Where each package's vitest writes its JSON report (see the packages' vitest configs). */
const REPORT = '.reports/vitest.json';
/** Where turbo's `--summarize` writes the run summary (one JSON file per run). */
const RUNS = '.turbo/runs';
const turboArgs = process.argv.slice(2);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };

interface TurboTask {
  taskId: string;
  package: string;
  directory: string;
  command: string;
  execution?: { exitCode?: number };
}

/** Runs turbo, resolving with its exit code (and its stdout when `capture` is set). */
function turbo(args: string[], options: { capture?: boolean; mongoUri?: string } = {}) {
  return new Promise<{ code: number; stdout: string }>((resolve) => {
    const child = spawn('turbo', args, {
      stdio: ['ignore', options.capture ? 'pipe' : 'inherit', 'inherit'],
      env: options.mongoUri ? { ...env, MONGODB_URI: options.mongoUri } : env,
    });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.once('error', (error) => {
      process.stderr.write(`could not run turbo: ${error.message}\n`);
      resolve({ code: 127, stdout });
    });
    child.once('exit', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

const testTasks = (tasks: TurboTask[]) =>
  tasks.filter((task) => task.taskId.endsWith('#test') && task.command !== '<NONEXISTENT>');

// The packages this run will test: exactly those turbo plans to (filters included).
const plan = await turbo(['run', 'test', '--dry=json', ...turboArgs], { capture: true });
if (plan.code !== 0) process.exit(plan.code);
const planned = testTasks((JSON.parse(plan.stdout) as { tasks: TurboTask[] }).tasks);
await Promise.all(planned.map((task) => rm(join(task.directory, REPORT), { force: true })));
await rm(RUNS, { recursive: true, force: true });

const db = await startDevDb();
// `--continue`: one package's failure does not stop the others, so the summary covers them all.
// Two packages at a time: every package's tests share one database server and the machine's cores,
// and nine suites at once made timing-bound tests (property runs, browser waits) time out.
const run = await turbo(
  ['run', 'test', '--continue', '--summarize', '--concurrency=2', ...turboArgs],
  {
    mongoUri: db.uri,
  },
);
await db.stop();

const exitCodes = new Map<string, number | undefined>();
for (const file of await readdir(RUNS).catch(() => [] as string[])) {
  const summary = JSON.parse(await readFile(join(RUNS, file), 'utf8')) as { tasks: TurboTask[] };
  for (const task of testTasks(summary.tasks))
    exitCodes.set(task.package, task.execution?.exitCode);
}

const runs: PackageRun[] = [];
for (const task of planned) {
  const text = await readFile(join(task.directory, REPORT), 'utf8').catch(() => undefined);
  runs.push({
    name: task.package,
    report: text ? (JSON.parse(text) as VitestReport) : undefined,
    exitCode: exitCodes.get(task.package),
  });
}
const summary = summarize(runs, { root: `${process.cwd()}/` });
process.stdout.write(`\nvitest over ${runs.length} package(s):\n`);
for (const line of summary.failedTests) process.stdout.write(`  ✗ ${line}\n`);
for (const line of summary.failures) process.stdout.write(`  ✗ ${line}\n`);
const failedPackages = summary.failures.length;
process.stdout.write(
  `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped` +
    (failedPackages > 0 ? `; ${failedPackages} of ${runs.length} package(s) failed` : '') +
    '\n',
);
process.exitCode = run.code !== 0 ? run.code : failedPackages > 0 ? 1 : 0;
