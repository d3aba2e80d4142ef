import {
  type ActivityFilter,
  type ActivityScope,
  escapeRegExp,
  parseRefKey,
} from '@activitykit/schema';
import type { Filter } from 'mongodb';
import type { EventDocument } from '../internal/document.ts';
import { periodOf } from './hoist.ts';

type Clause = Filter<EventDocument>;

export interface BuildFilterOptions {
  now: Date;
  weekStartsOn: 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

/**
 * The MongoDB clauses that confine a read to a scope: its tenants, roles, records and kinds. Events whose
 * actor has no role (the system, an anonymous failed login) stay visible within the scope's tenants.
 */
export function scopeClauses(scope: ActivityScope): Clause[] {
  const clauses: Clause[] = [];
  if (scope.tenants !== '*') clauses.push({ tenantId: { $in: scope.tenants } });
  if (scope.roles !== '*') {
    clauses.push({
      $or: [{ 'actor.role': { $in: scope.roles } }, { 'actor.role': { $exists: false } }],
    });
  }
  if (scope.refs) clauses.push({ refKeys: { $in: scope.refs } });
  if (scope.kinds) clauses.push({ kind: { $in: scope.kinds } });
  return clauses;
}

/** Whether a scope can see nothing at all (so no query needs to run). */
export function scopeIsEmpty(scope: ActivityScope): boolean {
  return (
    (scope.tenants !== '*' && scope.tenants.length === 0) ||
    (scope.roles !== '*' && scope.roles.length === 0) ||
    scope.refs?.length === 0 ||
    scope.kinds?.length === 0
  );
}

/**
 * The MongoDB clauses of a validated filter. Every value is a plain string, number or Date from a
 * zod-checked filter, and text is matched as an escaped regular expression, so no operator can be
 * smuggled in.
 */
export function filterClauses(filter: ActivityFilter, options: BuildFilterOptions): Clause[] {
  const clauses: Clause[] = [];
  const period = periodOf(filter, options);
  if (period.from || period.to) {
    clauses.push({
      occurredAt: {
        ...(period.from ? { $gte: period.from } : {}),
        ...(period.to ? { $lt: period.to } : {}),
      },
    });
  }
  if (filter.actors) clauses.push(actorClause(filter.actors));
  const lists: [keyof ActivityFilter, string][] = [
    ['roles', 'actor.role'],
    ['actorTypes', 'actor.type'],
    ['kinds', 'kind'],
    ['categories', 'category'],
    ['subjectTypes', 'subject.type'],
    ['refs', 'refKeys'],
    ['locations', 'context.location'],
    ['ips', 'context.ip'],
  ];
  for (const [field, path] of lists) {
    const values = filter[field] as string[] | undefined;
    if (values) clauses.push({ [path]: { $in: values } });
  }
  if (filter.actions) clauses.push(actionClause(filter.actions));
  if (filter.subjects) {
    const subjects = filter.subjects.map(parseRefKey).filter((ref) => ref !== undefined);
    clauses.push({
      $or: subjects.map((ref) => ({ 'subject.type': ref.type, 'subject.id': ref.id })),
    });
  }
  if (filter.outcome) clauses.push({ outcome: filter.outcome });
  if (filter.ids) clauses.push({ _id: { $in: filter.ids } });
  if (filter.text) {
    const pattern = { $regex: escapeRegExp(filter.text), $options: 'i' };
    clauses.push({
      $or: [
        { description: pattern },
        { 'subject.label': pattern },
        { 'refs.label': pattern },
        { 'actor.name': pattern },
        { 'actor.email': pattern },
        { action: pattern },
      ],
    });
  }
  return clauses;
}

/**
 * Actors by id (exactly), e-mail (ignoring case) or the start of their name or of a word of it
 * (ignoring case): the rule of `actorMatches`. Patterns are escaped and anchored, so they mean the
 * same on MongoDB (PCRE) and FerretDB (Go's RE2).
 */
export function actorClause(actors: readonly string[]): Clause {
  const alternatives: Clause[] = [{ 'actor.id': { $in: [...actors] } }];
  for (const actor of actors) {
    const text = escapeRegExp(actor);
    alternatives.push(
      { 'actor.email': { $regex: `^${text}$`, $options: 'i' } },
      { 'actor.name': { $regex: `(?:^|\\s)${text}`, $options: 'i' } },
    );
  }
  return { $or: alternatives };
}

function actionClause(actions: string[]): Clause {
  const exact = actions.filter((action) => !action.endsWith('.*'));
  const prefixes = actions
    .filter((action) => action.endsWith('.*'))
    .map((action) => ({ action: { $regex: `^${escapeRegExp(action.slice(0, -1))}` } }));
  const alternatives: Clause[] = [...prefixes];
  if (exact.length > 0) alternatives.push({ action: { $in: exact } });
  return alternatives.length === 1 ? (alternatives[0] as Clause) : { $or: alternatives };
}
