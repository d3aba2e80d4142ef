// The bundle budget (SPEC §10): the package's own gzipped JS stays under 40 kB, React, react-dom
// and TanStack Query excluded. "Own" = the code in src/ (src/index.ts bundled by esbuild,
// minified, every export kept, as an app using all of them would ship it) with every dependency
// external; the sizes with @tanstack/react-virtual, @activitykit/schema and zod bundled in are
// reported beside it. (zod 4's classic API does not tree-shake: one `z.object()` alone costs
// ~90 kB gzipped, so a budget that counted zod could not be met by any component code.)
// The integrity panel is a separate entry (`@activitykit/react/integrity`, src/integrity.ts) that
// only apps showing it ship: its size is reported below the budget's lines, not counted in it — on
// its own (as the main entry is measured) and what it adds to an app that has the main entry. So
// is Russian (`@activitykit/react/locales/ru`, src/locales/ru.ts): English is built in, other
// languages are catalogs an app passes to the provider; reported the same way.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const LIMIT = 40 * 1024;
const peers = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  'react-dom/client',
  '@tanstack/react-query',
];
const source = (file) => new URL(`../src/${file}`, import.meta.url).pathname;
const entry = source('index.ts');

async function measure(external, options = { entryPoints: [entry] }) {
  const result = await build({
    ...options,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@activitykit/source'],
    external,
    write: false,
    logLevel: 'silent',
    loader: { '.css': 'empty' },
  });
  const code = result.outputFiles[0].contents;
  return { raw: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const line = (label, size) => `  ${label}: ${kB(size.gzip)} gzipped (${kB(size.raw)} minified)\n`;
const ownExternal = [...peers, '@tanstack/react-virtual', '@activitykit/schema', 'zod'];
const own = await measure(ownExternal);
const withVirtual = await measure([...peers, '@activitykit/schema', 'zod']);
const withSchema = await measure([...peers, 'zod']);
const withAll = await measure(peers);
/** A separate entry on its own, and what it adds to an app that has the main entry. */
async function entrySizes(file) {
  const alone = await measure(ownExternal, { entryPoints: [source(file)] });
  // Both entries in one bundle (shared modules once), less the main entry alone.
  const both = await measure(ownExternal, {
    stdin: {
      contents: `export * from './index.ts';\nexport * from './${file}';\n`,
      resolveDir: source(''),
      loader: 'ts',
    },
  });
  return { alone, added: { raw: both.raw - own.raw, gzip: both.gzip - own.gzip } };
}
const entries = [
  ['@activitykit/react/integrity', await entrySizes('integrity.ts')],
  ['@activitykit/react/locales/ru', await entrySizes('locales/ru.ts')],
];

process.stdout.write(
  `@activitykit/react bundle sizes (react, react-dom, @tanstack/react-query always external):\n${line(
    `own code, src/ only — budget ${kB(LIMIT)}`,
    own,
  )}    ${own.gzip.toLocaleString('en')} of ${LIMIT.toLocaleString('en')} bytes gzipped, ${(
    LIMIT - own.gzip
  ).toLocaleString('en')} free\n${line('+ @tanstack/react-virtual', withVirtual)}${line(
    '+ @tanstack/react-virtual + @activitykit/schema',
    withSchema,
  )}${line('+ @tanstack/react-virtual + @activitykit/schema + zod', withAll)}${entries
    .map(
      ([name, { alone, added }]) =>
        `${line(`${name}, own code (not in the budget)`, alone)}${line(
          '  added to an app that has the main entry',
          added,
        )}`,
    )
    .join('')}`,
);
if (own.gzip > LIMIT) {
  process.stderr.write(`Over budget by ${kB(own.gzip - LIMIT)}: trim the package's code.\n`);
  process.exit(1);
}
