import {
  type ActionRegistry,
  type ActivityEvent,
  type ActivityEventInput,
  activityEventInputSchema,
  activityEventSchema,
  type CategoryRegistry,
  describe,
  eventDefaults,
  type IdGenerator,
  type Locale,
  type Redactor,
  SchemaError,
} from '@activitykit/schema';
import { getActivityContext, SYSTEM_ACTOR } from '../context.ts';
import { ActivityError } from '../errors.ts';
import { capMetadata } from './capMetadata.ts';
import { withoutNul } from './nulChars.ts';

export interface NormalizeDeps {
  nextId: IdGenerator;
  clock: () => Date;
  defaultTenantId: string | undefined;
  redactor: Redactor;
  categories: CategoryRegistry;
  actions: ActionRegistry;
  locale: Locale;
  metadataMaxBytes: number;
}

/**
 * Turns what an app records into a complete, redacted, validated event: the id, time, tenant and
 * actor (from the activity context, the system actor by default), kind and category (from the
 * action and subject type), refs (the subject first), and a description when none was given.
 * Throws `INVALID_EVENT` with every problem named.
 */
export function normalizeEvent(input: ActivityEventInput, deps: NormalizeDeps): ActivityEvent {
  const parsed = activityEventInputSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const given = parsed.data;
  const context = getActivityContext();

  const tenantId = given.tenantId ?? context?.tenantId ?? deps.defaultTenantId;
  if (!tenantId) {
    throw new ActivityError(
      'INVALID_EVENT',
      `The event "${given.action}" has no tenantId: pass one, record inside ` +
        'withActivityContext({ tenantId }), or set defaultTenantId on the store.',
    );
  }
  let metadata = given.metadata;
  if (metadata !== undefined) {
    try {
      deps.actions.validateMetadata(given.action, metadata);
    } catch (error) {
      if (error instanceof SchemaError) {
        throw new ActivityError('INVALID_EVENT', error.message, { cause: error });
      }
      throw error;
    }
    metadata = capMetadata(metadata, deps.metadataMaxBytes);
  }

  const draft: ActivityEvent = {
    ...given,
    id: deps.nextId(),
    tenantId,
    occurredAt: given.occurredAt ?? deps.clock(),
    ...eventDefaults(given, deps),
    actor: given.actor ?? context?.actor ?? SYSTEM_ACTOR,
    context: {
      ...pick(context, ['ip', 'userAgent', 'requestId', 'location', 'correlationId']),
      ...given.context,
    },
    ...(metadata === undefined ? {} : { metadata }),
  };
  const event = withoutNul(deps.redactor.redactEvent(draft));
  event.description ??= describe(event, deps.locale, {
    registry: deps.actions,
    categories: deps.categories,
  }).slice(0, MAX_DESCRIPTION);
  // The input was validated above; only what came from elsewhere (the activity context, the
  // registries) is checked again, which keeps record() cheap on the hot path.
  if (context) {
    const checked = contextFieldsSchema.safeParse({ actor: event.actor, context: event.context });
    if (!checked.success) throw invalid(checked.error.issues);
  }
  if (event.category.length === 0 || event.category.length > 100) {
    throw invalid([{ path: ['category'], message: 'a category is 1 to 100 characters' }]);
  }
  return event;
}

const MAX_DESCRIPTION = 2000;
const contextFieldsSchema = activityEventSchema.pick({ actor: true, context: true });

function pick<T extends object, K extends keyof T>(
  value: T | undefined,
  keys: K[],
): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  if (!value) return out;
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

function invalid(issues: { path: PropertyKey[]; message: string }[]): ActivityError {
  const problems = issues
    .map((issue) => `${issue.path.map(String).join('.') || '(event)'}: ${issue.message}`)
    .join('; ');
  return new ActivityError('INVALID_EVENT', `Invalid activity event — ${problems}.`);
}
