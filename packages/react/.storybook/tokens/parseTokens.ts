/** A CSS custom property of the kit, as its stylesheets declare or read it. */
export interface Token {
  name: string;
  /** Value in the light theme (`:root`, `[data-ak-theme="light"]`), or the only value. */
  light?: string;
  /** Value in the dark theme (`[data-ak-theme="dark"]`), when it differs by theme. */
  dark?: string;
  /** For a property the kit only reads (`var(--ak-x, fallback)`): its fallback, if any. */
  fallback?: string;
  /** The stylesheet (path under src/) that declares it, or first reads it. */
  file: string;
}

const DECLARATION = /(--ak-[\w-]+)\s*:\s*([^;]+);/g;
/** Innermost rule blocks: a selector and a body with no nested braces. */
const RULE = /([^{}]+)\{([^{}]*)\}/g;
const READ = /var\(\s*(--ak-[\w-]+)\s*(,?)/g;

/** The fallback of a `var(--x, …)` whose comma ends at `start`: up to its balanced `)`. */
const fallbackAt = (css: string, start: number): string => {
  let depth = 0;
  for (let index = start; index < css.length; index++) {
    if (css[index] === '(') depth++;
    else if (css[index] === ')' && depth-- === 0) return css.slice(start, index);
  }
  return css.slice(start);
};

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Every `--ak-*` custom property in the given stylesheets (path → source text), in source
 * order: the declared tokens with their light and dark values, then the properties the
 * components only read (set by the app or by the component's own script, like `--ak-log-height`).
 * The dark palette inside `@media (prefers-color-scheme: dark)` (the "system" theme) repeats the
 * dark one and is not listed twice.
 */
export function parseTokens(sheets: Record<string, string>): Token[] {
  const tokens = new Map<string, Token>();
  const read: Token[] = [];
  for (const [path, source] of Object.entries(sheets)) {
    const file = path.replace(/^.*\/src\//, 'src/');
    const css = source.replace(/\/\*[\s\S]*?\*\//g, '');
    for (const [, selector = '', body = ''] of css.matchAll(RULE)) {
      const theme = selector.includes('"dark"')
        ? 'dark'
        : selector.includes(':root')
          ? 'light'
          : undefined;
      if (!theme && /"(system|auto)"/.test(selector)) continue;
      for (const [, name = '', value = ''] of body.matchAll(DECLARATION)) {
        const token = tokens.get(name) ?? { name, file };
        token[theme ?? 'light'] = squash(value);
        tokens.set(name, token);
      }
    }
    for (const match of css.matchAll(READ)) {
      const [whole, name = '', comma] = match;
      if (tokens.has(name) || read.some((token) => token.name === name)) continue;
      const fallback = comma ? squash(fallbackAt(css, match.index + whole.length)) : undefined;
      read.push({ name, file, ...(fallback ? { fallback } : {}) });
    }
  }
  return [...tokens.values(), ...read.filter((token) => !tokens.has(token.name))];
}

/** Groups for the tokens page, by name. */
export const GROUPS = [
  { title: 'Colours', test: /^--ak-color-/ },
  { title: 'Chart series', test: /^--ak-chart-/ },
  { title: 'Spacing', test: /^--ak-space-/ },
  { title: 'Radii', test: /^--ak-radius/ },
  { title: 'Shadows', test: /^--ak-shadow/ },
  { title: 'Typography', test: /^--ak-(font|line-height)/ },
  { title: 'Other', test: /./ },
] as const;
