import type { ArgTypesEnhancer, InputType } from 'storybook/internal/types';
import { PROP_CONTROLS, PROP_TYPES } from './controls.ts';

/** The part of react-docgen's `tsType` this file reads. */
interface DocgenType {
  name: string;
  raw?: string;
  value?: string;
  elements?: DocgenType[];
}

type DocgenProps = Record<string, { tsType?: DocgenType; description?: string }>;

/** Type names that say nothing on their own: the table shows the type's source text instead. */
const VAGUE = new Set(['union', 'intersection', 'signature', 'literal']);

/** The last "Defaults to …" of a TSDoc (the house style ends each prop's comment with one). */
const DEFAULTS_TO = /Defaults to (`[^`]+`|[^.(]+?)\s*(?:\(|\.|$)/g;

/** `{@link NAME}` reads as `NAME` (markdown would turn its underscores into italics). */
const tsdocLinks = (text: string): string => text.replace(/\{@link\s+([^}\s|]+)[^}]*\}/g, '`$1`');

const defaultOf = (description: string): string | undefined => {
  const last = [...description.matchAll(DEFAULTS_TO)].at(-1)?.[1];
  return last?.replace(/^`|`$/g, '').trim();
};

/** `'a' | 'b' | 'c'` (nested unions included) as `['a', 'b', 'c']`; anything else `undefined`. */
const literalOptions = (type: DocgenType): string[] | undefined => {
  if (type.name === 'literal' && type.value?.match(/^['"].*['"]$/))
    return [type.value.slice(1, -1)];
  if (type.name !== 'union' || !type.elements) return undefined;
  const options: string[] = [];
  for (const element of type.elements) {
    const inner = literalOptions(element);
    if (!inner) return undefined;
    options.push(...inner);
  }
  return options;
};

const compact = (raw: string): string =>
  raw.replace(/\/\*\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ');

/**
 * Fills in what react-docgen leaves out of the props table (the TypeScript docgen breaks on TS 7):
 * the Default column from each prop's "Defaults to `…`", readable types for unions and
 * intersections (their source text, not "union"), `{@link X}` as code, and a radio / select
 * control for props typed as a union of string literals (`layout: 'table' | 'cards' | 'auto'`),
 * and the controls of `PROP_CONTROLS` (checkboxes for lists of literals, selects of named values
 * for object props; see controls.ts). A story's own `argTypes` win. Runs after docgen and before
 * Storybook infers controls.
 */
export const docgenArgTypes: ArgTypesEnhancer = (context) => {
  const docgen = (context.component as { __docgenInfo?: { props?: DocgenProps } } | undefined)
    ?.__docgenInfo?.props;
  if (!docgen) return context.argTypes;
  const argTypes: Record<string, InputType> = {};
  for (const [name, argType] of Object.entries(context.argTypes)) {
    const prop = docgen[name];
    if (!prop) {
      argTypes[name] = argType;
      continue;
    }
    const description = tsdocLinks(argType.description ?? prop.description ?? '');
    const table = { ...argType.table };
    const fallback = defaultOf(description);
    if (!table.defaultValue?.summary && fallback) table.defaultValue = { summary: fallback };
    const tsType = prop.tsType;
    if (tsType?.raw && VAGUE.has(table.type?.summary ?? tsType.name)) {
      const raw = compact(tsType.raw);
      table.type = raw.length <= 60 ? { summary: raw } : { summary: tsType.name, detail: raw };
    }
    const named = PROP_TYPES[name];
    if (named && (table.type?.summary ?? 'unknown') === 'unknown') table.type = { summary: named };
    const options = tsType && literalOptions(tsType);
    const known = PROP_CONTROLS[name];
    const control = argType.control
      ? {}
      : options
        ? { control: { type: options.length <= 4 ? 'radio' : 'select' } as const, options }
        : (known ?? {});
    argTypes[name] = { ...argType, description, table, ...control };
  }
  return argTypes;
};

/**
 * A component's TSDoc for the top of its docs page, with `@example` as a heading over its code
 * (the default shows the bare tag) and `{@link X}` as code.
 */
export const componentDescription = (component: unknown): string | null => {
  const text = (component as { __docgenInfo?: { description?: string } } | undefined)?.__docgenInfo
    ?.description;
  return text ? tsdocLinks(text).replace(/^@example\s*$/gm, '**Example**') : null;
};
