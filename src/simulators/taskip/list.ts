import {
  DEFAULT_LIMIT,
  FILTERABLE_PRIORITY,
  FILTERABLE_STATUS,
  MAX_LIMIT,
  PRIORITY_WORDS,
  SORT_FIELDS,
  STATUS_WORDS,
  type SortField,
  type SimTicket,
} from './types.js';
import type { FieldErrors } from './envelope.js';
import { Validator, asInteger } from './validate.js';

/** A validated list query. */
export interface ListQuery {
  page: number;
  limit: number;
  search?: string;
  sort: SortField;
  order: 'asc' | 'desc';
  status?: number;
  priority?: number;
  assignedTo?: number;
  clientId?: number;
  category?: string;
  /** Inclusive start of `date_from`'s UTC day, ms. */
  from?: number;
  /** Exclusive end of `date_to`'s UTC day, ms. */
  until?: number;
}

const DAY = 86_400_000;

/** `YYYY-MM-DD` as the start of that UTC day, or undefined when it is not a real date. */
export function parseDay(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value ? undefined : ms;
}

/** The query's values; a repeated name keeps its last value (as PHP reads it), empty = absent. */
function queryInput(query: URLSearchParams): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of new Set(query.keys())) input[name] = query.getAll(name).at(-1);
  return input;
}

function oneOf<T extends string>(
  v: Validator,
  input: Record<string, unknown>,
  field: string,
  allowed: readonly T[],
): T | undefined {
  if (!v.present(field)) return undefined;
  const value = input[field];
  return allowed.includes(value as T) ? (value as T) : v.fail(field, `The selected ${field} is invalid.`);
}

function bounded(
  v: Validator,
  input: Record<string, unknown>,
  field: string,
  min: number,
  max?: number,
): number | undefined {
  if (!v.present(field)) return undefined;
  const n = asInteger(input[field]);
  if (n === undefined) return v.fail(field, `The ${field} field must be an integer.`);
  if (n < min) return v.fail(field, `The ${field} field must be at least ${min}.`);
  if (max !== undefined && n > max)
    return v.fail(field, `The ${field} field must not be greater than ${max}.`);
  return n;
}

function dates(v: Validator, input: Record<string, unknown>): { from?: number; until?: number } {
  const read = (field: string): number | undefined => {
    if (!v.present(field)) return undefined;
    const day = parseDay(String(input[field]));
    return day ?? v.fail(field, `The ${field.replace('_', ' ')} field must match the format Y-m-d.`);
  };
  const from = read('date_from');
  const to = read('date_to');
  if (from !== undefined && to !== undefined && to < from) {
    v.fail('date_to', 'The date to field must be a date after or equal to date from.');
  }
  return { from, until: to === undefined ? undefined : to + DAY };
}

/** Validates `GET /support-ticket`'s query: the query, or Laravel's field errors. */
export function parseListQuery(
  query: URLSearchParams,
): { query: ListQuery; errors?: undefined } | { errors: FieldErrors } {
  const input = queryInput(query);
  const v = new Validator(input);
  const status = oneOf(v, input, 'status', FILTERABLE_STATUS);
  const priority = oneOf(v, input, 'priority', FILTERABLE_PRIORITY);
  const parsed: ListQuery = {
    page: bounded(v, input, 'page', 1) ?? 1,
    limit: bounded(v, input, 'limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT,
    search: v.string('search', { max: 255 }),
    sort: oneOf(v, input, 'sort', SORT_FIELDS) ?? 'created_at',
    order: oneOf(v, input, 'order', ['asc', 'desc'] as const) ?? 'desc',
    status: status === undefined ? undefined : STATUS_WORDS.indexOf(status),
    priority: priority === undefined ? undefined : PRIORITY_WORDS.indexOf(priority),
    assignedTo: bounded(v, input, 'assigned_to', 0),
    clientId: bounded(v, input, 'client_id', 0),
    category: v.string('category', { max: 255 }),
    ...dates(v, input),
  };
  return v.ok ? { query: parsed } : { errors: v.errors };
}

function matches(t: SimTicket, q: ListQuery): boolean {
  if (q.status !== undefined && t.status !== q.status) return false;
  if (q.priority !== undefined && t.priority !== q.priority) return false;
  if (q.assignedTo !== undefined && t.assignedTo !== q.assignedTo) return false;
  if (q.clientId !== undefined && t.user.id !== q.clientId) return false;
  if (q.category !== undefined && t.category.toLowerCase() !== q.category.toLowerCase()) return false;
  if (q.from !== undefined && t.createdAt < q.from) return false;
  if (q.until !== undefined && t.createdAt >= q.until) return false;
  if (q.search !== undefined) {
    const needle = q.search.toLowerCase();
    return t.subject.toLowerCase().includes(needle) || (t.description ?? '').toLowerCase().includes(needle);
  }
  return true;
}

const SORT_KEY: Record<SortField, (t: SimTicket) => number> = {
  created_at: (t) => t.createdAt,
  updated_at: (t) => t.updatedAt,
  priority: (t) => t.priority,
  status: (t) => t.status,
};

/** Filters, sorts (ties by id, same direction) and pages the tickets. */
export function listTickets(tickets: Iterable<SimTicket>, q: ListQuery): SimTicket[] {
  const key = SORT_KEY[q.sort];
  const sign = q.order === 'asc' ? 1 : -1;
  return [...tickets]
    .filter((t) => matches(t, q))
    .sort((a, b) => sign * (key(a) - key(b) || a.id - b.id))
    .slice((q.page - 1) * q.limit, q.page * q.limit);
}
