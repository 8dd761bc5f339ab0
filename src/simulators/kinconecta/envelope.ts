import type { SimRequest, SimResponse } from '../core/types.js';

/** The reason phrases Spring Boot writes in `error`. */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  415: 'Unsupported Media Type',
};

/** Extra members of an error body: `message` and, for validation failures, `errors`. */
export interface SpringErrorExtra {
  message?: string;
  errors?: unknown[];
}

/**
 * Spring Boot's default error body (`DefaultErrorAttributes`), in its key order:
 * `{timestamp, status, error, message?, errors?, path}`. The timestamp is the server's clock
 * in Spring's `+00:00` form; the app is taken to run with `server.error.include-message=always`
 * and `include-binding-errors=always`, so messages and field errors are shown.
 */
export function springError(
  req: SimRequest,
  status: number,
  extra: SpringErrorExtra = {},
  headers?: Record<string, string>,
): SimResponse {
  const body: Record<string, unknown> = {
    timestamp: new Date().toISOString().replace('Z', '+00:00'),
    status,
    error: REASONS[status] ?? 'Error',
  };
  if (extra.message !== undefined) body['message'] = extra.message;
  if (extra.errors !== undefined) body['errors'] = extra.errors;
  body['path'] = req.path;
  return headers ? { status, body, headers } : { status, body };
}
