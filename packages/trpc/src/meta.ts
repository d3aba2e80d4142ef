import type { Actor, EventKind, RecordRef } from '@activitykit/schema';

/**
 * A value read from the procedure's input or output by a dotted path: `'input.id'`,
 * `'output.customer.id'`. Any other prefix is a compile error.
 */
export type ValuePath = `input.${string}` | `output.${string}`;

/** What a meta function gets: the input, the output (absent on failure) and the context. */
export interface CaptureArgs {
  /** The procedure's input: parsed when the middleware runs after `.input()`, else raw. */
  input: unknown;
  /** The procedure's result; `undefined` when it threw. */
  output: unknown;
  /** The procedure's context. */
  ctx: unknown;
}

/** A value given as a path into the input or output, or computed from them. */
export type CaptureValue<TValue> = ValuePath | ((args: CaptureArgs) => TValue | undefined);

/** A record the event is about or touches, with its id (and label) taken from input or output. */
export interface RecordSpec {
  /** The record type, e.g. `'customer'`. */
  type: string;
  /** Where its id is. Defaults to `output.id`, else `input.id`. */
  id?: CaptureValue<string | number>;
  /** Where its display label is. Defaults to none. */
  label?: CaptureValue<string>;
}

/** Authentication steps the middleware records as `auth.*` events. */
export type AuthStep = 'login' | 'logout' | 'otp_request' | 'otp_verify';

/**
 * How one procedure is recorded: `meta: { activity: { ... } }`. Mutations are recorded by default
 * (with no meta at all: the action is the procedure path); queries only with `access: true`.
 *
 * @example
 * ```ts
 * updateCustomer: audited
 *   .meta({ activity: { action: 'customer.updated', subject: { type: 'customer', id: 'input.id', label: 'output.name' } } })
 *   .input(z.object({ id: z.string(), email: z.string() }))
 *   .mutation(async ({ input, ctx }) => {
 *     const before = await db.customers.find(input.id);
 *     ctx.activity.before(before);
 *     const after = await db.customers.update(input.id, input);
 *     ctx.activity.after(after);
 *     return after;
 *   }),
 * ```
 */
export interface ActivityMeta {
  /** Dotted action name. Defaults to the procedure path (`customer.update`). */
  action?: string;
  /** Event kind. Defaults to `access` for recorded queries, else inferred from the action's verb. */
  kind?: EventKind;
  /** Category. Defaults to one inferred from the action or subject type. */
  category?: string;
  /**
   * The record acted on. Defaults to the path's second-to-last segment as the type
   * (`customer.update` → `customer`) with the id from `output.id`, else `input.id`.
   */
  subject?: RecordSpec | ((args: CaptureArgs) => RecordRef | undefined);
  /** Other records the event touches (the subject is added by the store). Defaults to none. */
  refs?: (RecordSpec | ((args: CaptureArgs) => RecordRef | RecordRef[] | undefined))[];
  /** Plain-language description. Defaults to one the store writes from the action and fields. */
  description?: string | ((args: CaptureArgs) => string | undefined);
  /** Extra metadata (redacted and size-capped by the store). Defaults to none. */
  metadata?: (args: CaptureArgs) => Record<string, unknown> | undefined;
  /** Record this query as an `access` event (reports, exports). Defaults to `false`. */
  access?: boolean;
  /** Record this procedure as an authentication step: `auth.login` / `auth.login_failed` … */
  auth?: AuthStep;
  /**
   * For `auth` steps: the attempted identifier (never the password). Defaults to the first string
   * among `input.identifier`, `input.email`, `input.username`, `input.login` and `input.phone`.
   */
  identifier?: CaptureValue<string>;
  /** For `auth: 'login'`: who signed in, e.g. from the output. Defaults to `ctx.activity.actor()`, else the actor resolver. */
  actor?: (args: CaptureArgs) => Actor | undefined;
  /** Record failures (thrown errors) of this procedure. Defaults to `true`. */
  failures?: boolean;
}

/**
 * The meta type to give `initTRPC.meta<…>()` so procedures can be configured with
 * `.meta({ activity })`, type-checked. `activity: false` switches capture off for a procedure.
 *
 * @example
 * ```ts
 * const t = initTRPC.context<Context>().meta<ActivityProcedureMeta>().create();
 * ```
 */
export interface ActivityProcedureMeta {
  /** How this procedure is recorded, or `false` to never record it. */
  activity?: ActivityMeta | false;
}
