import type { z } from 'zod';
import { UpstreamError } from '../errors.js';

/**
 * Parses an upstream payload that entered as `unknown`. A payload that does not fit the
 * provider's documented shape is `UPSTREAM_BAD_RESPONSE`; the zod issues stay internal.
 */
export function parseUpstream<S extends z.ZodType>(
  schema: S,
  value: unknown,
  provider: string,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.')}: ${i.message}`)
    .join('; ');
  throw new UpstreamError('UPSTREAM_BAD_RESPONSE', provider, `${what}: ${issues}`);
}
