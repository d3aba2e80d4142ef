import type { z } from 'zod';
import { SchemaError } from './errors.ts';
import { actionSchema, type EventKind } from './event.ts';
import { describeIssues } from './issues.ts';
import type { Locale } from './locale.ts';

/** What an app says about one of its actions. Every field is optional. */
export interface ActionDefinition {
  /** Overrides the kind inferred from the verb. Defaults to `inferKind(action)`. */
  kind?: EventKind;
  /** Overrides the category inferred from the action and subject. Defaults to the registry's guess. */
  category?: string;
  /** Schema the event's `metadata` must match when recorded. Defaults to none (anything goes). */
  metadata?: z.ZodType;
  /**
   * Description templates per locale, with `{actor}`, `{subject}`, `{subjectType}`, `{subjectId}`,
   * `{subjectLabel}`, `{count}` (changed fields) and `{metadata.field}` placeholders. Defaults to the
   * generated sentence.
   */
  describe?: Partial<Record<Locale, string>>;
}

/** The app's actions; see {@link createActionRegistry}. */
export interface ActionRegistry {
  /**
   * Adds or replaces an action: an exact name (`order.refunded`) or a prefix (`report.*`) that
   * covers every action under it. Returns the registry, so calls chain.
   */
  define(action: string, definition: ActionDefinition): ActionRegistry;
  /** The definition of an action: its own, else the longest `prefix.*` that covers it. */
  get(action: string): ActionDefinition | undefined;
  /** Every defined name (exact or `prefix.*`) with its definition, in definition order. */
  list(): { action: string; definition: ActionDefinition }[];
  /**
   * Checks metadata against the action's schema and returns what the schema parsed; returns it
   * untouched when the action has none. Throws `SchemaError('INVALID_METADATA')` naming the action
   * and every failing path.
   */
  validateMetadata(action: string, metadata: unknown): unknown;
}

/** Options of {@link createActionRegistry}. */
export interface ActionRegistryOptions {
  /** Actions to define up front, by name. Defaults to `{}`. */
  actions?: Record<string, ActionDefinition>;
}

/**
 * A registry of the app's actions: kind and category overrides, metadata schemas checked on record,
 * and description templates.
 *
 * @example
 * ```ts
 * const actions = createActionRegistry()
 *   .define('order.refunded', {
 *     kind: 'update',
 *     metadata: z.object({ amount: z.number().positive() }),
 *     describe: { en: '{actor} refunded {metadata.amount} on {subject}' },
 *   })
 *   .define('report.*', { kind: 'access', category: 'report' });
 * actions.validateMetadata('order.refunded', { amount: 'ten' }); // throws INVALID_METADATA
 * actions.get('report.sales')?.kind; // 'access'
 * ```
 */
export function createActionRegistry(options: ActionRegistryOptions = {}): ActionRegistry {
  const definitions = new Map<string, ActionDefinition>();

  const registry: ActionRegistry = {
    define(action, definition) {
      const name = action.endsWith('.*') ? action.slice(0, -2) : action;
      if (!actionSchema.safeParse(name).success) {
        throw new SchemaError(
          'INVALID_INPUT',
          `Cannot define the action "${action}": use dotted words of letters, digits, _ and -, ` +
            'e.g. "order.refunded", or a prefix like "report.*".',
        );
      }
      definitions.set(action, definition);
      return registry;
    },
    get(action) {
      const own = definitions.get(action);
      if (own) return own;
      const segments = action.split('.');
      for (let length = segments.length - 1; length > 0; length--) {
        const found = definitions.get(`${segments.slice(0, length).join('.')}.*`);
        if (found) return found;
      }
      return undefined;
    },
    list: () => [...definitions].map(([action, definition]) => ({ action, definition })),
    validateMetadata(action, metadata) {
      const schema = registry.get(action)?.metadata;
      if (!schema) return metadata;
      const result = schema.safeParse(metadata);
      if (result.success) return result.data;
      const problems = describeIssues(result.error.issues, { root: '(metadata)' });
      throw new SchemaError(
        'INVALID_METADATA',
        `The metadata of "${action}" does not match the schema defined for it — ${problems}. ` +
          'Fix the recorded metadata, or the schema given to define().',
        { cause: result.error },
      );
    },
  };

  for (const [action, definition] of Object.entries(options.actions ?? {})) {
    registry.define(action, definition);
  }
  return registry;
}
