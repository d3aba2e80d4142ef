/** The parts of a vitest JSON report the summary reads. */
export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}

/** One package's test task as planned by turbo, with what it left behind. */
export interface PackageRun {
  /** The package name, e.g. `@activitykit/core`. */
  name: string;
  /** Its vitest report, or `undefined` when it wrote none. */
  report: VitestReport | undefined;
  /** Its test command's exit code as turbo saw it (`undefined` when it never ran). */
  exitCode: number | undefined;
}

/** Totals over every package, and one line per package that failed, naming it. */
export interface TestSummary {
  passed: number;
  failed: number;
  skipped: number;
  /** `"<package>: <why>"` for each failed package. */
  failures: string[];
}

/** Why one package failed, or `undefined` when it passed. */
function failureOf({ report, exitCode }: PackageRun): string | undefined {
  if (!report) return 'wrote no test report (it did not start)';
  if (report.numFailedTests > 0) return `${report.numFailedTests} test(s) failed`;
  if (report.numFailedTestSuites > 0)
    return `${report.numFailedTestSuites} test file(s) failed to run`;
  if (report.numPassedTests === 0) return 'ran no test';
  if (exitCode !== 0) return `its test command exited with ${exitCode ?? 'no exit code'}`;
  return undefined;
}

/**
 * Sums the packages' vitest reports. A package counts as failed, by name, when it wrote no report,
 * a test or a test file failed, it ran no test, or its test command exited non-zero after its tests
 * (e.g. a Storybook build after vitest) — so a broken package never hides behind the others.
 *
 * @example
 * ```ts
 * summarize([{ name: '@activitykit/core', report: undefined, exitCode: 1 }]).failures;
 * // ['@activitykit/core: wrote no test report (it did not start)']
 * ```
 */
export function summarize(runs: PackageRun[]): TestSummary {
  const summary: TestSummary = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for (const run of runs) {
    if (run.report) {
      summary.passed += run.report.numPassedTests;
      summary.failed += run.report.numFailedTests;
      summary.skipped += run.report.numPendingTests + run.report.numTodoTests;
    }
    const failure = failureOf(run);
    if (failure) summary.failures.push(`${run.name}: ${failure}`);
  }
  return summary;
}
