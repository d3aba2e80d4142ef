/// <reference types="vite/client" />
import type { CSSProperties, ReactNode } from 'react';
import { GROUPS, parseTokens, type Token } from './parseTokens.ts';

/** The kit's stylesheets as text, read at build time: the page lists what the CSS really has. */
const sheets = import.meta.glob<string>(['../../src/**/*.css'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Every `--ak-*` property, from src/styles.css (tokens) and the component stylesheets. */
export const TOKENS: readonly Token[] = parseTokens(
  // styles.css first: it declares the tokens; component sheets only read or add to them.
  Object.fromEntries(
    Object.entries(sheets).sort(
      ([a], [b]) => Number(b.endsWith('/styles.css')) - Number(a.endsWith('/styles.css')),
    ),
  ),
);

const cell: CSSProperties = { padding: '0.5rem 0.75rem', minWidth: '14rem' };

/** What shows a token's effect, drawn with `var(name)` so it is the theme's real value. */
function Sample({ name }: { name: string }): ReactNode {
  const box: CSSProperties = {
    display: 'inline-block',
    width: 40,
    height: 24,
    verticalAlign: 'middle',
  };
  if (/^--ak-(color|chart)-/.test(name))
    return (
      <span
        style={{
          ...box,
          background: `var(${name})`,
          border: '1px solid var(--ak-color-border-strong)',
          borderRadius: 4,
        }}
      />
    );
  if (name.startsWith('--ak-space-'))
    return <span style={{ ...box, width: `var(${name})`, background: 'var(--ak-color-accent)' }} />;
  if (name.startsWith('--ak-radius'))
    return (
      <span
        style={{ ...box, borderRadius: `var(${name})`, border: '2px solid var(--ak-color-accent)' }}
      />
    );
  if (name.startsWith('--ak-shadow'))
    return (
      <span style={{ ...box, boxShadow: `var(${name})`, background: 'var(--ak-color-surface)' }} />
    );
  if (name === '--ak-font' || name === '--ak-font-mono')
    return <span style={{ fontFamily: `var(${name})` }}>Aa Бб 123</span>;
  if (name.startsWith('--ak-font-size'))
    return <span style={{ fontSize: `var(${name})` }}>Aa Бб 123</span>;
  return null;
}

/** One theme's cell: a `data-ak-theme` box, so the sample and its text use that theme. */
function ThemeCell({ token, theme }: { token: Token; theme: 'light' | 'dark' }): ReactNode {
  const value = theme === 'dark' ? (token.dark ?? token.light) : token.light;
  return (
    <td data-ak-theme={theme} style={cell}>
      <span
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: '0.75rem',
          color: 'var(--ak-color-text)',
        }}
      >
        <Sample name={token.name} />
        <code style={{ color: 'var(--ak-color-text)', background: 'none', border: 0 }}>
          {value ?? (token.fallback ? `fallback: ${token.fallback}` : 'set at run time')}
        </code>
      </span>
    </td>
  );
}

/**
 * The tokens page's tables: every `--ak-*` custom property, grouped, with its value and a sample
 * in the light theme and in the dark one side by side.
 */
export function TokenTables(): ReactNode {
  const seen = new Set<string>();
  return GROUPS.map(({ title, test }) => {
    const tokens = TOKENS.filter((token) => !seen.has(token.name) && test.test(token.name));
    for (const token of tokens) seen.add(token.name);
    if (tokens.length === 0) return null;
    return (
      <section key={title}>
        <h3>
          {title} ({tokens.length})
        </h3>
        <table style={{ width: '100%' }}>
          <thead>
            <tr>
              <th>Property</th>
              <th>Light</th>
              <th>Dark</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.name}>
                <td style={{ whiteSpace: 'nowrap' }}>
                  <code>{token.name}</code>
                  {token.file === 'src/styles.css' ? null : (
                    <div style={{ fontSize: 12 }}>{token.file}</div>
                  )}
                </td>
                <ThemeCell token={token} theme="light" />
                <ThemeCell token={token} theme="dark" />
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    );
  });
}

/** The three themes on one kit button and badge: `system` follows the reader's OS setting. */
export function ThemeDemo(): ReactNode {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: '1rem' }}>
      {(['light', 'dark', 'system'] as const).map((theme) => (
        <div
          key={theme}
          data-ak-theme={theme}
          style={{ padding: '1rem', borderRadius: 8, border: '1px solid var(--ak-color-border)' }}
        >
          <p
            style={{
              margin: '0 0 0.5rem',
              color: 'var(--ak-color-text)',
              fontFamily: 'var(--ak-font-mono)',
            }}
          >
            data-ak-theme="{theme}"
          </p>
          <button type="button" className="ak-button ak-button--primary">
            Export
          </button>{' '}
          <span className="ak-badge">order.paid</span>
        </div>
      ))}
    </div>
  );
}
