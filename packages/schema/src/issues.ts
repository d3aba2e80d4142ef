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

function pathName(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(input)' : path.map(String).join('.');
}

/**
 * One line per problem, each naming the field path and what is wrong with it
 * (`ids: at most 1000 ids per call, got 1001`). A failed union reports the problems of the branch
 * the input was closest to, instead of zod's bare "Invalid input".
 *
 * @example
 * ```ts
 * describeIssues(bulkDeleteInput.safeParse({ ids: tooMany }).error.issues);
 * // ['ids: at most 1000 ids per call, got 1001']
 * ```
 */
export function describeIssues(issues: readonly Issue[], prefix: PropertyKey[] = []): string[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union') {
      const branch = closestBranch(issue.errors);
      if (branch && branch.length > 0) return describeIssues(branch, path);
    }
    return [`${pathName(path)}: ${issue.message}`];
  });
}
