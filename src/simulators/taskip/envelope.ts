import type { SimResponse } from '../core/types.js';

/** Field → messages, as Laravel reports validation errors. */
export type FieldErrors = Record<string, string[]>;

/** TaskIP's error body: the documented Validation Error shape, reused for 404 and 429. */
export function errorBody(status: number, error: string, message: string, errors?: FieldErrors): SimResponse {
  return {
    status,
    body: { success: false, error, message, ...(errors ? { errors } : {}), status_code: status },
  };
}

/** 422 with the documented Validation Error body. */
export function validationError(errors: FieldErrors): SimResponse {
  return errorBody(422, 'Validation Error', 'The given data was invalid', errors);
}

/** 404 for an unknown ticket, reply or note (body decided: the error shape, `<what> not found`). */
export function notFound(what = 'SupportTicket'): SimResponse {
  return errorBody(404, 'Not Found', `${what} not found`);
}
