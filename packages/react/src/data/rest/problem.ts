import { ActivitySourceError, codeForStatus, readSearchProblem } from '../source.ts';

/**
 * Turns an error response (RFC 9457 problem+json, or anything else) into an
 * {@link ActivitySourceError} with the status, the server's code and the search position.
 */
export async function errorFromResponse(response: Response): Promise<ActivitySourceError> {
  let problem: Record<string, unknown> = {};
  try {
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (typeof parsed === 'object' && parsed !== null) problem = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: keep the status line.
  }
  const detail = typeof problem.detail === 'string' ? problem.detail : undefined;
  const title = typeof problem.title === 'string' ? problem.title : undefined;
  const errors = Array.isArray(problem.errors)
    ? problem.errors
        .map((e: { path?: unknown; message?: unknown }) =>
          [e.path, e.message].filter((part) => typeof part === 'string' && part).join(': '),
        )
        .filter(Boolean)
    : [];
  const message =
    [detail ?? title ?? `${response.status} ${response.statusText}`.trim(), ...errors].join(
      ' — ',
    ) || `HTTP ${response.status}`;
  const search = readSearchProblem(problem.search);
  return new ActivitySourceError(codeForStatus(response.status), message, {
    status: response.status,
    ...(typeof problem.code === 'string' ? { serverCode: problem.code } : {}),
    ...(typeof problem.position === 'number' ? { position: problem.position } : {}),
    ...(typeof problem.length === 'number' ? { length: problem.length } : {}),
    ...(search ? { search } : {}),
  });
}

/** A failed `fetch` (no response): aborts pass through, everything else is `NETWORK`. */
export function errorFromFetch(error: unknown, url: string): unknown {
  if (error instanceof DOMException && error.name === 'AbortError') return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  return new ActivitySourceError(
    'NETWORK',
    `Could not reach ${url}: ${error instanceof Error ? error.message : String(error)}. Check the connection and the source's baseUrl.`,
    { cause: error },
  );
}

/** The file name of a `Content-Disposition: attachment` header. */
export function filenameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(header);
  return (plain?.[1] ?? plain?.[2])?.trim() || fallback;
}
