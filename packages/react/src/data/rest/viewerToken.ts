/**
 * A viewer token a source sends as `Authorization: Bearer <token>`: `get` mints or fetches one (from
 * the app's own endpoint); the source keeps it until the server answers 401, then asks `get` again
 * and retries once.
 */
export interface ViewerTokenSource {
  /** Resolves to a fresh viewer token. */
  get: () => Promise<string>;
}

/** The current token of `source`, and a way to drop it once the server refused it. */
export function viewerTokenHolder(source: ViewerTokenSource) {
  let token: Promise<string> | undefined;
  return {
    current: (): Promise<string> =>
      (token ??= source.get().catch((error: unknown) => {
        token = undefined;
        throw error;
      })),
    drop: () => {
      token = undefined;
    },
  };
}

/** `fetchImpl` sending the token of `source`; a 401 asks for a new token and retries once. */
export function withViewerToken(fetchImpl: typeof fetch, source?: ViewerTokenSource): typeof fetch {
  if (!source) return fetchImpl;
  const holder = viewerTokenHolder(source);
  return async (input, init) => {
    for (let retried = false; ; retried = true) {
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${await holder.current()}`);
      const response = await fetchImpl(input, { ...init, headers });
      if (response.status !== 401 || retried) return response;
      holder.drop();
    }
  };
}
