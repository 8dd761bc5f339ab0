import type { SimResponse } from '../core/types.js';

/** IPPanel's own 401 message ("the information entered is not correct"). */
export const AUTH_MESSAGE = 'اطلاعات وارد شده صحیح نمی باشد';
/** Message of the 404 for an unknown ticket (decision: the docs show none). */
export const TICKET_NOT_FOUND_MESSAGE = 'تیکت مورد نظر یافت نشد';
/** Message of the 404 for an unknown route (decision). */
export const ROUTE_NOT_FOUND_MESSAGE = 'آدرس مورد نظر یافت نشد';
/** `message_code` of a validation error. */
export const VALIDATION_CODE = '400-2';

/** Field → messages, as Laravel reports validation errors. */
export type FieldErrors = Record<string, string[]>;

/** IPPanel's error envelope: `{data: null, meta: {status: false, ...}}`. */
export function errorBody(message: string, code: string, errors: FieldErrors = {}): unknown {
  return {
    data: null,
    meta: { status: false, message, message_parameters: [], message_code: code, errors },
  };
}

/** The 401 for a missing or wrong token, byte for byte as documented. */
export function unauthorized(): SimResponse {
  return { status: 401, body: errorBody(AUTH_MESSAGE, '400-1') };
}

/** A 422 validation error; `meta.message` is the first field message, as Laravel does. */
export function validationFailed(errors: FieldErrors): SimResponse {
  const first = Object.values(errors)[0]?.[0] ?? 'اطلاعات ارسال شده معتبر نمی باشد';
  return { status: 422, body: errorBody(first, VALIDATION_CODE, errors) };
}

/** A 404 in the IPPanel envelope (`404-1` unknown ticket, `404-2` unknown route: decisions). */
export function notFoundBody(message: string, code: string): SimResponse {
  return { status: 404, body: errorBody(message, code) };
}

/** A success envelope; `extraMeta` (pagination) comes first, as in the docs' example. */
export function success(data: unknown, extraMeta: Record<string, unknown> = {}): SimResponse {
  return {
    status: 200,
    body: { data, meta: { ...extraMeta, status: true, message: 'Success', message_code: '200-1' } },
  };
}
