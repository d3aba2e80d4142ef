import type { RecordRef } from '@activitykit/schema';

/** What a route pattern says about the records a request acts on. */
export interface RouteInfo {
  /** The subject type: the singular of the last resource segment (`/customers/:id` → `customer`). */
  type: string | undefined;
  /** The parameter holding the subject's id. */
  idParam: string | undefined;
  /** A static segment after the id (`/orders/:id/refund` → `refund`): the action's verb. */
  verb: string | undefined;
  /** Parent records: `/customers/:customerId/dependents/:id` → `customer` by `customerId`. */
  parents: { type: string; param: string }[];
  /** Every parameter name, for checking that `req.params` still holds them. */
  params: string[];
  /** Matches the pattern at the end of a path, for re-reading parameters after an error. */
  matcher: RegExp;
}

const cache = new Map<string, RouteInfo>();

/** The {@link RouteInfo} of a route pattern, parsed once and cached. */
export function routeInfo(pattern: string): RouteInfo {
  let info = cache.get(pattern);
  if (!info) {
    info = parseRoute(pattern);
    if (cache.size < 10_000) cache.set(pattern, info);
  }
  return info;
}

function parseRoute(pattern: string): RouteInfo {
  const segments = pattern.replace(/[{}]/g, '').split('/').filter(Boolean);
  const params: string[] = [];
  const parents: { type: string; param: string }[] = [];
  let type: string | undefined;
  let idParam: string | undefined;
  let verb: string | undefined;
  let lastStatic: string | undefined;
  for (const segment of segments) {
    const param = /^[:*](\w+)/.exec(segment)?.[1];
    if (param) {
      params.push(param);
      if (segment.startsWith('*')) continue;
      if (idParam && type) parents.push({ type, param: idParam });
      type = lastStatic ? singular(lastStatic) : type;
      idParam = param;
      lastStatic = undefined;
      verb = undefined;
      continue;
    }
    const word = clean(segment);
    if (!word) continue;
    if (idParam && !isPlural(word) && verb === undefined) {
      verb = word;
    } else if (idParam && type && isPlural(word)) {
      parents.push({ type, param: idParam });
      type = singular(word);
      idParam = undefined;
      verb = undefined;
    }
    lastStatic = word;
  }
  if (!idParam && lastStatic) type = singular(lastStatic);
  return { type, idParam, verb, parents, params, matcher: compile(pattern) };
}

/**
 * The route's parameters: `req.params` while the route's handler ran, or — after an error handler
 * replaced them — read again from the path.
 */
export function routeParams(
  info: RouteInfo,
  params: Record<string, string | string[] | undefined>,
  path: string,
): Record<string, string | string[] | undefined> {
  if (info.params.every((name) => params[name] !== undefined)) return params;
  const match = info.matcher.exec(path);
  if (!match) return params;
  const found: Record<string, string> = {};
  info.params.forEach((name, index) => {
    const value = match[index + 1];
    if (value === undefined) return;
    try {
      found[name] = decodeURIComponent(value);
    } catch {
      found[name] = value;
    }
  });
  return found;
}

/** Parent refs of a route, from its parameters. */
export function parentRefs(
  info: RouteInfo,
  params: Record<string, string | string[] | undefined>,
): RecordRef[] {
  const refs: RecordRef[] = [];
  for (const parent of info.parents) {
    const id = paramValue(params[parent.param]);
    if (id) refs.push({ type: parent.type, id });
  }
  return refs;
}

/** A parameter as a record id (≤ 200 characters), or `undefined`. */
export function paramValue(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value.join('/') : value;
  return text ? text.slice(0, 200) : undefined;
}

/** `customers` → `customer`, `categories` → `category`, `addresses` → `address`, `status` → `status`. */
export function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 3) return `${word.slice(0, -3)}y`;
  if (/(ss|x|ch|sh|zz)es$/.test(word)) return word.slice(0, -2);
  if (/(ss|us|is)$/.test(word)) return word;
  if (word.endsWith('s') && word.length > 1) return word.slice(0, -1);
  return word;
}

function isPlural(word: string): boolean {
  return singular(word) !== word;
}

/** A path segment as an action/type word: lower case, `-` → `_`, nothing but `[a-z0-9_]`. */
function clean(segment: string): string {
  return segment
    .toLowerCase()
    .replace(/-/g, '_')
    .replace(/[^a-z0-9_]/g, '');
}

function compile(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    const name = /^[:*](\w+)/.exec(pattern.slice(i));
    if (name) {
      source += char === '*' ? '(.+)' : '([^/]+)';
      i += name[0].length - 1;
    } else if (char === '{') source += '(?:';
    else if (char === '}') source += ')?';
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${source}/?$`);
}
