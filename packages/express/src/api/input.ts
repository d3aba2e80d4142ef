import {
  type ActivityQueryInput,
  activityQuerySchema,
  inputErrorMap,
  inputProblems,
  isValidTimeZone,
  parseSearch,
  QUERY_PARAMS,
  queryFromSearchParams,
} from '@activitykit/schema';
import type { Request } from 'express';
import type { z } from 'zod';
import { ActivityHttpError, type InputProblem } from '../errors.ts';

const PARAM_OF_FIELD: Record<string, string> = Object.fromEntries(
  Object.entries(QUERY_PARAMS).map(([param, field]) => [field, param]),
);

/**
 * The raw query string of a request, never Express's parsed `req.query`. Decoded strictly: a name
 * or value that is not percent-encoded UTF-8 (`%FF`, `%C3%28`, a lone `%`) is `INVALID_INPUT`
 * naming the parameter, where `URLSearchParams` would silently put U+FFFD in its place.
 */
export function searchParams(req: Request): URLSearchParams {
  const url = req.originalUrl;
  const start = url.indexOf('?');
  return new URLSearchParams(start === -1 ? [] : decodeQueryString(url.slice(start + 1)));
}

/** `application/x-www-form-urlencoded` pairs, as `URLSearchParams` reads them, but strict. */
function decodeQueryString(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawName = equals === -1 ? part : part.slice(0, equals);
    const name = decodeComponent(rawName, rawName);
    pairs.push([name, equals === -1 ? '' : decodeComponent(part.slice(equals + 1), name)]);
  }
  return pairs;
}

function decodeComponent(raw: string, param: string): string {
  const text = raw.replaceAll('+', ' ');
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch (error) {
    const name = param.slice(0, 60);
    throw new ActivityHttpError(
      'INVALID_INPUT',
      `Query parameter "${name}" is not percent-encoded UTF-8 (e.g. "%FF" or a lone "%"); ` +
        'encode the text as UTF-8 (encodeURIComponent / URLSearchParams).',
      { errors: [{ path: name, message: 'not valid percent-encoded UTF-8' }], cause: error },
    );
  }
}

/**
 * The activity query of a request's query string (the names of `QUERY_PARAMS`), validated with the
 * schema's zod query: an unknown parameter, an operator object, a malformed date or an oversized
 * page is `INVALID_INPUT`, naming each bad parameter.
 */
export function readQuery(
  params: URLSearchParams,
  ignore: readonly string[] = [],
): ActivityQueryInput {
  let query: ActivityQueryInput;
  try {
    query = queryFromSearchParams(params, { ignore });
  } catch (error) {
    throw new ActivityHttpError('INVALID_INPUT', (error as Error).message, { cause: error });
  }
  const parsed = checkWith(
    activityQuerySchema,
    query,
    (path) => PARAM_OF_FIELD[String(path[0])] ?? path.join('.'),
  );
  if (parsed.timeZone !== undefined && !isValidTimeZone(parsed.timeZone)) {
    throw new ActivityHttpError(
      'INVALID_INPUT',
      `Unknown time zone "${parsed.timeZone}": use an IANA name like Europe/Moscow.`,
      { errors: [{ path: 'tz', message: 'unknown IANA time zone' }] },
    );
  }
  // Search-syntax errors say where in `q` they are (SchemaError INVALID_SEARCH, with position).
  if (parsed.q?.trim()) parseSearch(parsed.q, { timeZone: parsed.timeZone });
  return query;
}

/** Validates a value with a zod schema; `INVALID_INPUT` listing every problem otherwise. */
export function checkWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  pathName: (path: PropertyKey[]) => string = (path) => path.map(String).join('.'),
): z.infer<T> {
  const result = schema.safeParse(value, { error: inputErrorMap });
  if (result.success) return result.data;
  const errors: InputProblem[] = inputProblems(result.error.issues, { root: '(root)', pathName });
  throw new ActivityHttpError(
    'INVALID_INPUT',
    `Invalid input: ${errors.map((error) => `${error.path}: ${error.message}`).join('; ')}.`,
    { errors, cause: result.error },
  );
}

/** The one value of a parameter that may appear at most once. */
export function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) {
    throw new ActivityHttpError(
      'INVALID_INPUT',
      `Query parameter "${name}" is given more than once.`,
      {
        errors: [{ path: name, message: 'given more than once' }],
      },
    );
  }
  return values[0];
}

/** Refuses any query parameter on a route that takes none. */
export function noParams(req: Request): void {
  const [name] = searchParams(req).keys();
  if (name !== undefined) {
    throw new ActivityHttpError(
      'INVALID_INPUT',
      `This route takes no query parameters ("${name.slice(0, 60)}").`,
      {
        errors: [{ path: name.slice(0, 60), message: 'unknown parameter' }],
      },
    );
  }
}
