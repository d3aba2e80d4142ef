/** The parts of a vitest JSON report the summary reads. */
export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  /** Per test file: its path and each test's outcome (vitest's `json` reporter writes these). */
  testResults?: {
    name: string;
    message?: string;
    status?: string;
    assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
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
  /**
   * `"<package> <file> › <test>: <first line of the error>"` for each failed test or test file that
   * failed to load, so a CI log's last lines say what failed, not only where.
   */
  failedTests: string[];
}

/** The first non-empty line of an error message, cut to a log line's width. */
function firstLine(message: string | undefined): string {
  const line = (message ?? '').split('\n').find((text) => text.trim() !== '') ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Each failed test (and each test file that failed to load) of one package, one line each. */
function failedTestsOf({ name, report }: PackageRun, root: string): string[] {
  const lines: string[] = [];
  for (const file of report?.testResults ?? []) {
    const path = file.name.startsWith(root) ? file.name.slice(root.length) : file.name;
    const failed = file.assertionResults.filter((test) => test.status === 'failed');
    for (const test of failed)
      lines.push(`${name} ${path} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    if (failed.length === 0 && file.status === 'failed')
      lines.push(`${name} ${path}: ${firstLine(file.message) || 'failed to run'}`);
  }
  return lines;
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
 * Sums the packages' vitest reports (`root`, when given, is cut from the front of test file paths). A package counts as failed, by name, when it wrote no report,
 * a test or a test file failed, it ran no test, or its test command exited non-zero after its tests
 * (e.g. a Storybook build after vitest) — so a broken package never hides behind the others.
 *
 * @example
 * ```ts
 * summarize([{ name: '@activitykit/core', report: undefined, exitCode: 1 }]).failures;
 * // ['@activitykit/core: wrote no test report (it did not start)']
 * ```
 */
export function summarize(runs: PackageRun[], options: { root?: string } = {}): TestSummary {
  const root = options.root ?? '';
  const summary: TestSummary = { passed: 0, failed: 0, skipped: 0, failures: [], failedTests: [] };
  for (const run of runs) {
    if (run.report) {
      summary.passed += run.report.numPassedTests;
      summary.failed += run.report.numFailedTests;
      summary.skipped += run.report.numPendingTests + run.report.numTodoTests;
    }
    const failure = failureOf(run);
    if (failure) summary.failures.push(`${run.name}: ${failure}`);
    summary.failedTests.push(...failedTestsOf(run, root));
  }
  return summary;
}
