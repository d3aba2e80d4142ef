import { describe, expect, it } from 'vitest';
import { type PackageRun, summarize, type VitestReport } from './testSummary.ts';

const report = (counts: Partial<VitestReport>): VitestReport => ({
  numPassedTests: 0,
  numFailedTests: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  numFailedTestSuites: 0,
  ...counts,
});
const passing: PackageRun = {
  name: '@activitykit/schema',
  report: report({ numPassedTests: 280 }),
  exitCode: 0,
};

describe('summarize', () => {
  it('adds up the packages that passed and names no failure', () => {
    const summary = summarize([passing, { ...passing, name: '@activitykit/devdb' }]);
    expect(summary).toEqual({ passed: 560, failed: 0, skipped: 0, failures: [], failedTests: [] });
  });

  it('counts a package that did not start as failed, by name', () => {
    const summary = summarize([
      passing,
      { name: '@activitykit/core', report: undefined, exitCode: 1 },
    ]);
    expect(summary.failures).toEqual([
      '@activitykit/core: wrote no test report (it did not start)',
    ]);
    expect(summary.passed).toBe(280);
  });

  it('counts a package that ran no test as failed', () => {
    const summary = summarize([{ name: '@activitykit/trpc', report: report({}), exitCode: 0 }]);
    expect(summary.failures).toEqual(['@activitykit/trpc: ran no test']);
  });

  it('counts a test file that failed to load although no test failed', () => {
    const summary = summarize([
      {
        name: '@activitykit/express',
        report: report({ numPassedTests: 3, numFailedTestSuites: 1 }),
        exitCode: 1,
      },
    ]);
    expect(summary.failures).toEqual(['@activitykit/express: 1 test file(s) failed to run']);
  });

  it('counts a command that fails after its tests passed', () => {
    const summary = summarize([{ ...passing, name: '@activitykit/react', exitCode: 1 }]);
    expect(summary.failures).toEqual(['@activitykit/react: its test command exited with 1']);
  });

  it('names failed tests and sums skipped ones', () => {
    const summary = summarize([
      {
        name: '@activitykit/core',
        report: report({ numPassedTests: 5, numFailedTests: 2, numTodoTests: 1 }),
        exitCode: 1,
      },
    ]);
    expect(summary).toEqual({
      passed: 5,
      failed: 2,
      skipped: 1,
      failures: ['@activitykit/core: 2 test(s) failed'],
      failedTests: [],
    });
  });

  it('names each failed test with its file and the first line of its error', () => {
    const summary = summarize(
      [
        {
          name: '@activitykit/core',
          report: report({
            numPassedTests: 1,
            numFailedTests: 1,
            numFailedTestSuites: 1,
            testResults: [
              {
                name: '/repo/packages/core/src/reader.test.ts',
                status: 'failed',
                assertionResults: [
                  { fullName: 'reader lists', status: 'passed', failureMessages: [] },
                  {
                    fullName: 'reader pages › keeps order',
                    status: 'failed',
                    failureMessages: [
                      '\nAssertionError: expected 2 to be 3\n    at reader.test.ts:9',
                    ],
                  },
                ],
              },
              {
                name: '/repo/packages/core/src/broken.test.ts',
                status: 'failed',
                message: 'Cannot find module ./gone.ts',
                assertionResults: [],
              },
            ],
          }),
          exitCode: 1,
        },
      ],
      { root: '/repo/' },
    );
    expect(summary.failedTests).toEqual([
      '@activitykit/core packages/core/src/reader.test.ts › reader pages › keeps order: AssertionError: expected 2 to be 3',
      '@activitykit/core packages/core/src/broken.test.ts: Cannot find module ./gone.ts',
    ]);
  });
});
