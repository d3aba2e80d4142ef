export {
  type ActionDefinition,
  type ActionRegistry,
  type ActionRegistryOptions,
  createActionRegistry,
} from './actions.ts';
export {
  compareLoginPairs,
  groupOffHours,
  type LoginPairKey,
  newIpLoginSignal,
  newIpLoginSignals,
  type OffHoursActor,
  offHoursActors,
  offHoursSignals,
} from './actorSignals.ts';
export {
  type AuthStep,
  type AuthStepEvent,
  attemptedIdentifier,
  authStepEvent,
  MAX_IDENTIFIER_LENGTH,
} from './authSteps.ts';
export {
  type BucketStartsOptions,
  bucketStarts,
  chooseBucket,
  fillBuckets,
  MAX_BUCKETS,
} from './buckets.ts';
export {
  type Account,
  accountOf,
  type Burst,
  type BurstKey,
  type FindBurstsOptions,
  findBursts,
  inTenant,
  isAccountType,
  SIGNAL_DEFAULTS,
  type Timed,
} from './burstRules.ts';
export {
  type CategoryInput,
  type CategoryRegistry,
  type CategoryRegistryOptions,
  createCategoryRegistry,
} from './categories.ts';
export type { CategoryDefinition } from './categoryDefinition.ts';
export { type FormatCsvChangesOptions, formatCsvChanges } from './csv/csvChanges.ts';
export {
  CSV_COLUMNS,
  type CsvCellContext,
  type CsvColumn,
  type CsvColumnKey,
  type CustomCsvColumn,
} from './csv/csvColumns.ts';
export { type FormatCsvLineOptions, formatCsvLine, neutralizeCsvCell } from './csv/csvLine.ts';
export { type CsvRowOptions, csvHeader, toCsvRow } from './csv/csvRow.ts';
export { formatCsvTime } from './csv/csvTime.ts';
export { DEFAULT_CATEGORIES, LOGINS_CATEGORY, OTHER_CATEGORY } from './defaultCategories.ts';
export { type DescribableEvent, type DescribeOptions, describe } from './describe.ts';
export {
  DEFAULT_MAX_CHANGES,
  type DiffOptions,
  diff,
  MORE_CHANGES_PATH,
  ROOT_PATH,
} from './diff.ts';
export {
  SCHEMA_ERROR_CODES,
  SchemaError,
  type SchemaErrorCode,
  type SchemaErrorOptions,
} from './errors.ts';
export {
  ACTOR_TYPES,
  type ActivityEvent,
  type ActivityEventInput,
  type Actor,
  type ActorType,
  actionSchema,
  activityEventInputSchema,
  activityEventSchema,
  actorSchema,
  type Change,
  changeSchema,
  EVENT_KINDS,
  type EventContext,
  type EventKind,
  eventContextSchema,
  mergeRefs,
  OUTCOMES,
  type Outcome,
  parseRefKey,
  type RecordRef,
  recordRefSchema,
  refKey,
} from './event.ts';
export { type EventDefaultsInput, eventDefaults } from './eventDefaults.ts';
export { isStatusNote, isSystemEvent } from './eventFlags.ts';
export {
  bulkDeleteSignals,
  failedLoginAccountSignals,
  failedLoginIpSignals,
  isFailedLogin,
  permissionChangeSignals,
} from './eventSignals.ts';
export {
  createIdGenerator,
  eventIdSchema,
  type IdGenerator,
  isUlid,
  minUlidAt,
  ulidTime,
} from './ids.ts';
export { inferKind } from './inferKind.ts';
export {
  ANCHOR_STATUSES,
  type AnchorStatus,
  type CheckpointSummary,
  type IntegrityStatus,
  isSealedBy,
  type VerifyFinding,
  type VerifyReport,
} from './integrity.ts';
export {
  describeIssues,
  type InputProblem,
  type IssueNames,
  inputErrorMap,
  inputProblems,
} from './issues.ts';
export { formatCount, LOCALES, type Locale, type PluralForms, pluralForm } from './locale.ts';
export {
  type EventPredicate,
  escapeRegExp,
  filterPredicate,
  filtersPredicate,
  type MatchOptions,
  scopePredicate,
} from './matchFilter.ts';
export {
  isValidTimeZone,
  type PeriodRange,
  type ResolvePeriodOptions,
  resolvePeriod,
  startOfDayInZone,
  timeZoneOffset,
  type WeekDay,
} from './period.ts';
export {
  changeValueText,
  mentionsPermissions,
  type PermissionChange,
  permissionChange,
} from './permissionChanges.ts';
export {
  type ActivityFilter,
  type ActivityFilterInput,
  type ActivityPage,
  type ActivityQuery,
  type ActivityQueryInput,
  activityFilterSchema,
  activityQuerySchema,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MAX_QUERY_IDS,
  PERIOD_PRESETS,
  type PeriodPreset,
  SORT_DIRECTIONS,
  type SortDirection,
} from './query.ts';
export {
  CIRCULAR,
  createRedactor,
  type HeaderRecord,
  REDACTED,
  type RedactableEvent,
  type Redactor,
  type RedactorOptions,
} from './redact.ts';
export {
  type ActivityStats,
  type ActorCount,
  type ActorSummary,
  type AuthStats,
  type BulkDeleteResult,
  type KeyCount,
  SECURITY_SIGNAL_TYPES,
  type SecuritySignal,
  type SecuritySignalType,
  SIGNAL_SEVERITIES,
  type SignalSeverity,
  type StatsBucket,
} from './results.ts';
export {
  type ActivityScope,
  type ActivityScopeInput,
  ADMIN_SCOPE,
  activityScopeSchema,
} from './scope.ts';
export {
  type ParseSearchOptions,
  parseSearch,
  printSearch,
  SEARCH_KEYS,
  type SearchKey,
} from './search.ts';
export {
  type ActorSuggestion,
  type ActorSuggestionQuery,
  type ActorSuggestionQueryInput,
  actorMatches,
  actorSuggestionQuerySchema,
  actorSuggestionSchema,
  collectActorSuggestions,
  DEFAULT_ACTOR_SUGGESTIONS,
  MAX_ACTOR_SUGGESTIONS,
  nameHasPrefix,
  suggestionMatches,
} from './searchActors.ts';
export { searchErrorMessage } from './searchErrors.ts';
export {
  SEARCH_ERROR_REASONS,
  type SearchErrorParams,
  type SearchErrorReason,
  type SearchProblem,
} from './searchProblem.ts';
export { DEFAULT_DENY } from './secretNames.ts';
export { displayName, type SignalFacts, signalMessage } from './signalMessages.ts';
export {
  type BurstRule,
  type BusinessHours,
  compareSignals,
  isBusinessTime,
  makeSignal,
  type SignalEvent,
  type SignalRules,
  type SignalRulesInput,
  signalRules,
} from './signalRules.ts';
export { BULK_DELETED, bulkDeletedEventInputs, restoredEventInput } from './systemEvents.ts';
export {
  eventFromWire,
  LIVE_EVENT,
  pageFromWire,
  QUERY_PARAMS,
  type QueryFromSearchParamsOptions,
  type QueryParam,
  queryFromSearchParams,
  queryToSearchParams,
  type SearchParamsInit,
  type WireActivityEvent,
} from './wire.ts';
export {
  bulkDeleteInputSchema,
  eventIdsSchema,
  filterQuerySchema,
  MAX_BULK_IDS,
  MAX_NOTE_LENGTH,
  noteInputSchema,
  refKeySchema,
  restoreInputSchema,
  verifyInputSchema,
} from './writeInputs.ts';
export {
  DAY_MS,
  formatLocal,
  HOUR_MS,
  localTime,
  mod,
  type OffsetSpan,
  offsetSpans,
} from './zone.ts';
