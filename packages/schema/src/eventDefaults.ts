import type { ActionRegistry } from './actions.ts';
import type { CategoryRegistry } from './categories.ts';
import { type ActivityEvent, mergeRefs, type RecordRef } from './event.ts';
import { inferKind } from './inferKind.ts';

/** What {@link eventDefaults} reads of an event as recorded. */
export interface EventDefaultsInput {
  action: string;
  kind?: ActivityEvent['kind'] | undefined;
  category?: string | undefined;
  outcome?: ActivityEvent['outcome'] | undefined;
  subject?: RecordRef | undefined;
  refs?: RecordRef[] | undefined;
}

/**
 * What the store fills in when an app leaves it out, the same for the store's writer and the React
 * kit's memory source: the kind (the action's definition, else its verb), the category (the
 * action's definition, else the action and subject type), the outcome (`success`) and the refs (the
 * subject first).
 *
 * @example
 * ```ts
 * eventDefaults({ action: 'customer.deleted', subject: { type: 'customer', id: '42' } }, { categories });
 * // { kind: 'delete', category: 'customers', outcome: 'success', refs: [{ type: 'customer', id: '42' }] }
 * ```
 */
export function eventDefaults(
  input: EventDefaultsInput,
  registries: { categories: CategoryRegistry; actions?: ActionRegistry | undefined },
): Pick<ActivityEvent, 'kind' | 'category' | 'outcome' | 'refs'> {
  const definition = registries.actions?.get(input.action);
  return {
    kind: input.kind ?? definition?.kind ?? inferKind(input.action),
    category:
      input.category ??
      definition?.category ??
      registries.categories.categoryFor({ action: input.action, subjectType: input.subject?.type }),
    outcome: input.outcome ?? 'success',
    refs: mergeRefs(input.subject, input.refs ?? []),
  };
}
