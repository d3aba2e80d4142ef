import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** How a README code block is checked. */
export type ExampleMode = 'run' | 'typecheck' | 'skip';

/** A code block of a README that is a whole program (it imports what it uses). */
export interface ReadmeExample {
  /** The README it comes from, relative to the repository, e.g. `packages/core/README.md`. */
  readme: string;
  /** The line of its opening fence, 1-based. */
  line: number;
  /** Its file name in the scratch app: from a first line `// name.ts …`, else `line<N>.ts`. */
  file: string;
  code: string;
  mode: ExampleMode;
}

const FENCE = /^```(ts|tsx|js|mjs)\s*$/;
const MARKER = /^<!--\s*example:\s*(typecheck|excerpt)\b[^>]*-->\s*$/;
const NAMED = /^\/\/\s*([\w.-]+\.(?:ts|tsx|js|mjs))\b/;
const PROGRAM = /^import\s[^;]*from\s+['"]|^import\s+['"]/m;

/**
 * The programs among a README's `ts` / `tsx` / `js` code blocks. A block is a program when it has
 * an `import` of its own; other blocks are excerpts that continue the text around them. A program
 * runs on Node 20 unless it is TSX (browser code: type-checked only) or the line before its fence is
 * `<!-- example: typecheck (why) -->`; `<!-- example: excerpt (of what) -->` marks a block that
 * imports but is part of a program shown whole elsewhere (neither checked nor run).
 *
 * @example
 * ```ts
 * await readmeExamples('packages/devdb/README.md'); // [{ file: 'line17.ts', mode: 'run', … }]
 * ```
 */
export async function readmeExamples(root: string, readme: string): Promise<ReadmeExample[]> {
  const lines = (await readFile(join(root, readme), 'utf8')).split('\n');
  const examples: ReadmeExample[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const fence = FENCE.exec(lines[index] ?? '');
    if (!fence) continue;
    const end = lines.indexOf('```', index + 1);
    if (end < 0) throw new Error(`${readme}:${index + 1}: a code block is never closed`);
    const code = lines.slice(index + 1, end).join('\n');
    const marker =
      MARKER.exec(lines[index - 1] ?? '')?.[1] ?? MARKER.exec(lines[index - 2] ?? '')?.[1];
    const language = fence[1] ?? 'ts';
    if (PROGRAM.test(code)) {
      const named = NAMED.exec(code.split('\n')[0] ?? '')?.[1];
      examples.push({
        readme,
        line: index + 1,
        file: named ?? `line${index + 1}.${language}`,
        code,
        mode:
          marker === 'excerpt'
            ? 'skip'
            : marker === 'typecheck' || language === 'tsx'
              ? 'typecheck'
              : 'run',
      });
    }
    index = end;
  }
  return examples;
}
