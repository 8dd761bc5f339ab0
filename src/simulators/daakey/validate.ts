import type { SimRequest } from '../core/types.js';
import type { FieldErrors } from './envelope.js';
import { DAAKEY_PRIORITIES, DAAKEY_STATUSES, type DaakeyPriority, type DaakeyStatus } from './types.js';

/** Laravel names a field in messages with spaces for underscores: `booking_id` → `booking id`. */
const label = (field: string): string => field.replace(/_/g, ' ');
const required = (field: string): string => `The ${label(field)} field is required.`;
const INTEGER = /^-?\d+$/;

/**
 * The request's input the way Laravel sees it: a JSON object or a form body (with
 * `attachments[]` as an array), strings trimmed and empty strings turned into null.
 */
export function inputOf(req: SimRequest): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  if (req.body instanceof FormData) {
    for (const [key, value] of req.body.entries()) {
      const name = key.replace(/\[\d*\]$/, '');
      if (name === key) raw[name] = value;
      else raw[name] = [...((raw[name] as unknown[] | undefined) ?? []), value];
    }
  } else if (typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body)) {
    Object.assign(raw, req.body);
  }
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, normalise(v)]));
}

function normalise(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (Array.isArray(value)) return value.map(normalise);
  return value;
}

/** `required|string|max:{max}`: the value, or undefined with the error recorded. */
export function requiredString(
  input: Record<string, unknown>,
  field: string,
  errors: FieldErrors,
  max?: number,
): string | undefined {
  const value = input[field];
  if (value === null || value === undefined) return void (errors[field] = [required(field)]);
  if (typeof value !== 'string')
    return void (errors[field] = [`The ${label(field)} field must be a string.`]);
  // Laravel's `max` counts characters (mb_strlen), not UTF-16 units.
  if (max !== undefined && [...value].length > max) {
    return void (errors[field] = [`The ${label(field)} field must not be greater than ${max} characters.`]);
  }
  return value;
}

/** `nullable|array` of `url`s. */
export function urlList(input: Record<string, unknown>, errors: FieldErrors): string[] {
  const value = input['attachments'];
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value))
    return ((errors['attachments'] = ['The attachments field must be an array.']), []);
  value.forEach((item, i) => {
    if (!isUrl(item)) errors[`attachments.${i}`] = [`The attachments.${i} field must be a valid URL.`];
  });
  return value.filter(isUrl);
}

function isUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `nullable|in:low,normal,high,critical`, `normal` when left out. */
export function priorityOf(input: Record<string, unknown>, errors: FieldErrors): DaakeyPriority {
  const value = input['priority'];
  if (value === null || value === undefined) return 'normal';
  if (DAAKEY_PRIORITIES.includes(value as DaakeyPriority)) return value as DaakeyPriority;
  errors['priority'] = ['The selected priority is invalid.'];
  return 'normal';
}

/** `nullable|integer` for a body field; the existence check is the caller's. */
export function integerOf(
  input: Record<string, unknown>,
  field: string,
  errors: FieldErrors,
): number | undefined {
  const value = input[field];
  if (value === null || value === undefined) return undefined;
  if (Number.isInteger(value)) return value as number;
  if (typeof value === 'string' && INTEGER.test(value)) return Number(value);
  errors[field] = [`The ${label(field)} field must be an integer.`];
  return undefined;
}

/** The list's query: `status` in the four values, `per_page` an integer ≥ 1 capped at 100. */
export interface ListQuery {
  status?: DaakeyStatus;
  page: number;
  perPage: number;
}

/** Reads and validates the list's query; errors go to `errors` (a 422 for the caller). */
export function listQuery(query: URLSearchParams, errors: FieldErrors): ListQuery {
  const status = query.get('status')?.trim() || undefined;
  if (status !== undefined && !DAAKEY_STATUSES.includes(status as DaakeyStatus)) {
    errors['status'] = ['The selected status is invalid.'];
  }
  const perPageText = query.get('per_page')?.trim() || undefined;
  let perPage = 15;
  if (perPageText !== undefined) {
    if (!INTEGER.test(perPageText)) errors['per_page'] = ['The per page field must be an integer.'];
    else if (Number(perPageText) < 1) errors['per_page'] = ['The per page field must be at least 1.'];
    else perPage = Math.min(Number(perPageText), 100);
  }
  // Laravel's paginator reads `page` leniently: anything but an integer ≥ 1 is page 1.
  const pageText = query.get('page')?.trim() ?? '';
  const page = INTEGER.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1;
  return { status: status as DaakeyStatus | undefined, page, perPage };
}

/** A path id that names a ticket: a positive integer, else the ticket cannot exist. */
export function ticketIdOf(param: string | undefined): number | undefined {
  return param !== undefined && /^\d+$/.test(param) && Number(param) > 0 ? Number(param) : undefined;
}
