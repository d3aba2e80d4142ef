import type { Page } from 'playwright-core';

/** A call of the demo's REST API from the page (with its session cookie): status and JSON body. */
export function callApi<T = unknown>(
  page: Page,
  path: string,
  options: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ path, method, body }) => {
      const response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    { path, method: options.method ?? 'GET', body: options.body },
  );
}

/** A tRPC mutation of the demo's router, called from the page; the procedure's result. */
export async function callTrpc<T = unknown>(
  page: Page,
  procedure: string,
  input: unknown,
): Promise<T> {
  const { status, body } = await callApi<{ result?: { data: T }; error?: unknown }>(
    page,
    `/trpc/${procedure}`,
    { method: 'POST', body: input },
  );
  if (status !== 200 || !body.result) {
    throw new Error(`${procedure} answered ${status}: ${JSON.stringify(body)}`);
  }
  return body.result.data;
}

/** Creates a customer of Harbor through the REST API; its id. */
export async function createCustomer(page: Page, name: string): Promise<string> {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '.');
  const { status, body } = await callApi<{ _id: string }>(page, '/api/customers', {
    method: 'POST',
    body: {
      name,
      email: `${slug}@example.com`,
      phone: '+44 7700 900123',
      location: 'harbor-north',
      tenantId: 'harbor',
    },
  });
  if (status !== 201) throw new Error(`creating ${name} answered ${status}`);
  return body._id;
}
