import { activityFailure, HTTP_STATUS_BY_CODE as STORE_STATUS_BY_CODE } from '@activitykit/core';
import type { SearchProblem } from '@activitykit/schema';
import type { Response } from 'express';
import { ActivityHttpError, type ExpressErrorCode, type InputProblem } from './errors.ts';

/** Every error code the REST API answers with: an {@link ExpressErrorCode}, or `INTERNAL`. */
export type ProblemCode = ExpressErrorCode | 'INTERNAL';

/**
 * The HTTP status of every error code: core's table of store and schema failures (the one tRPC
 * derives its codes from too), and the adapter's own refusals.
 *
 * @example
 * ```ts
 * HTTP_STATUS_BY_CODE.ALREADY_RESTORED; // 409
 * ```
 */
export const HTTP_STATUS_BY_CODE: Readonly<Record<ProblemCode, number>> = {
  ...STORE_STATUS_BY_CODE,
  TOO_MANY_STREAMS: 429,
  INTERNAL: 500,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Content',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** An RFC 9457 problem document, as the REST API sends it (`application/problem+json`). */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: InputProblem[];
  /** For search-syntax errors: where in `q` the offending token starts. */
  position?: number;
  length?: number;
  /** For search-syntax errors: the reason and its parameters, to word it in the reader's language. */
  search?: SearchProblem;
}

/** The `type` URI prefix of problem documents. */
const TYPE_BASE = 'https://activitykit.dev/problems/';

/**
 * Turns any error into a problem document. `ActivityError`, `SchemaError` and `ActivityHttpError`
 * keep their code and message; body-parser errors keep their 4xx status; anything else becomes a
 * 500 `INTERNAL` problem that says nothing about the server's internals.
 *
 * @example
 * ```ts
 * toProblem(new ActivityError('NOT_FOUND', 'No event 01J… within your scope.')).status; // 404
 * ```
 */
export function toProblem(error: unknown): ProblemDocument {
  if (error instanceof ActivityHttpError) {
    return document(error.code, error.message, { errors: error.errors });
  }
  const failure = activityFailure(error);
  if (failure) {
    const { code, message, ...where } = failure;
    return document(code, message, where);
  }
  // Express's router throws a URIError (status 400, not exposed) for a path parameter that is not
  // valid percent-encoded UTF-8 (`/%FF`, `/%`).
  if (error instanceof URIError) {
    return document(
      'INVALID_INPUT',
      'The request path is not valid percent-encoding of UTF-8 text (e.g. "%FF" or a lone "%").',
      { errors: [{ path: '(path)', message: 'invalid percent-encoding' }] },
    );
  }
  const status = clientStatus(error);
  if (status !== undefined) {
    const detail =
      (error as { type?: string }).type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : String((error as Error).message);
    const code = CLIENT_CODES[status] ?? 'INVALID_INPUT';
    return { ...document(code, detail), status, title: TITLES[status] ?? 'Bad Request' };
  }
  return document(
    'INTERNAL',
    'The activity API failed unexpectedly; the server reported the cause to its error hook.',
  );
}

/** Whether a problem is the server's fault (it goes to `onError`, not just to the client). */
export function isServerProblem(problem: ProblemDocument): boolean {
  return problem.status >= 500;
}

/**
 * Sends an error as `application/problem+json` (or ends the response if headers went out already).
 *
 * @example
 * ```ts
 * sendProblem(res, new ActivityHttpError('UNAUTHORIZED', 'Sign in to read the activity log.'));
 * ```
 */
export function sendProblem(res: Response, error: unknown): ProblemDocument {
  const problem = toProblem(error);
  if (res.headersSent) {
    res.destroy();
    return problem;
  }
  res.status(problem.status);
  res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(problem));
  return problem;
}

function document(
  code: ProblemCode,
  detail: string,
  extra: {
    errors?: InputProblem[];
    position?: number;
    length?: number;
    search?: SearchProblem;
  } = {},
): ProblemDocument {
  const status = HTTP_STATUS_BY_CODE[code] ?? 500;
  const problem: ProblemDocument = {
    type: `${TYPE_BASE}${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
  };
  if (extra.errors?.length) problem.errors = extra.errors;
  if (extra.position !== undefined) problem.position = extra.position;
  if (extra.length !== undefined) problem.length = extra.length;
  if (extra.search !== undefined) problem.search = extra.search;
  return problem;
}

/** The code of a 4xx error that carries its own status (the app's `http-errors`, body-parser). */
const CLIENT_CODES: Readonly<Record<number, ProblemCode>> = {
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
};

/** The 4xx status of an error that carries one and may be shown (body-parser's `expose`). */
function clientStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true
    ? status
    : undefined;
}
