import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** What a value is, for a message: `a string`, `an object`, `null`… */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  const type = typeof value;
  return type === 'object' || type === 'undefined' ? `an ${type}` : `a ${type}`;
}

const sizeOf = (input: unknown): number | undefined =>
  Array.isArray(input) || typeof input === 'string' ? input.length : undefined;

function bound(issue: RawIssue & { code: 'too_big' | 'too_small' }): string | undefined {
  const limit = 'maximum' in issue ? issue.maximum : 'minimum' in issue ? issue.minimum : undefined;
  const most = issue.code === 'too_big' ? 'at most' : 'at least';
  const size = sizeOf(issue.input);
  if (issue.origin === 'array') return `${most} ${limit} items, got ${size ?? '?'}`;
  if (issue.origin === 'string') {
    if (issue.code === 'too_small' && limit === 1) return 'must not be empty';
    return `${most} ${limit} characters, got ${size ?? '?'}`;
  }
  if (issue.origin === 'number') return `${most} ${limit}, got ${String(issue.input)}`;
  return undefined;
}

/**
 * Messages for zod's generic issues that say what was expected and what came instead (`expected
 * string, got an object`, `at most 1000 items, got 1001`, `required`). A schema's own message wins;
 * anything not covered keeps zod's.
 */
export const inputErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'required'
        : `expected ${issue.expected}, got ${kindOf(issue.input)}`;
    case 'too_big':
    case 'too_small':
      return bound(issue);
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length > 1 ? 'keys' : 'key'} ${issue.keys
        .map((key) => JSON.stringify(key))
        .join(', ')}`;
    default:
      return undefined;
  }
};

/**
 * The branch of a failed union the caller most likely meant: the one that knew every key it was
 * given (no `unrecognized_keys` at its root), then the one with the fewest problems.
 */
function closestBranch(branches: Issue[][]): Issue[] | undefined {
  const score = (issues: Issue[]) =>
    issues.filter((issue) => issue.code === 'unrecognized_keys' && issue.path.length === 0).length *
      1000 +
    issues.length;
  return [...branches].sort((a, b) => score(a) - score(b))[0];
}

/** One problem with one input field. */
export interface InputProblem {
  /** Where: a field path (`query.from`), or the name the caller gives it (a query parameter). */
  path: string;
  /** What is wrong with it. */
  message: string;
}

/** Options of {@link inputProblems} and {@link describeIssues}. */
export interface IssueNames {
  /** What a problem of the whole value is called (`(input)` by default). */
  root?: string;
  /** The name of a field path (its parts joined with dots by default). */
  pathName?: (path: PropertyKey[]) => string;
}

/**
 * One problem per zod issue, each naming the field and what is wrong with it (`ids: at most 1000
 * ids per call, got 1001`): the one formatter of input errors for the store, REST and tRPC. A
 * failed union reports the problems of the branch the input was closest to, instead of zod's bare
 * "Invalid input". Parse with `{ error: inputErrorMap }` for messages that say what came instead.
 *
 * @example
 * ```ts
 * inputProblems(schema.safeParse(body, { error: inputErrorMap }).error.issues);
 * // [{ path: 'ids', message: 'at most 1000 ids per call, got 1001' }]
 * ```
 */
export function inputProblems(
  issues: readonly Issue[],
  names: IssueNames = {},
  prefix: PropertyKey[] = [],
): InputProblem[] {
  const { root = '(input)', pathName = (path) => path.map(String).join('.') } = names;
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union') {
      const branch = closestBranch(issue.errors);
      if (branch && branch.length > 0) return inputProblems(branch, names, path);
    }
    return [{ path: pathName(path) || root, message: issue.message }];
  });
}

/**
 * The problems of {@link inputProblems} in one line for a message: `ids: at most 1000 ids per
 * call, got 1001; from: expected string, got a number`.
 *
 * @example
 * ```ts
 * throw new Error(`Invalid input — ${describeIssues(result.error.issues)}.`);
 * ```
 */
export function describeIssues(issues: readonly Issue[], names: IssueNames = {}): string {
  return inputProblems(issues, names)
    .map(({ path, message }) => `${path}: ${message}`)
    .join('; ');
}
