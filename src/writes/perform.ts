import { createHash } from 'node:crypto';
import type { GatewayContext } from '../context.js';
import { GatewayError, UpstreamError } from '../errors.js';
import type { ProviderCapability, TicketProvider } from '../providers/provider.js';
import { WriteRejection, type FieldError } from '../providers/writes.js';
import type { StoredOutcome } from './idempotency.js';
import { invalid, notFound, ticketClosed, unsupported, type WriteErrorShape } from './outcome.js';
import { publicError } from '../schema/errors.js';
import type { Redact } from '../providers/upstream-text.js';

type Success = Exclude<StoredOutcome, { type: 'rejection' } | { type: 'outcome-unknown' }>;

/** One mutation's write, from capability check to the answer. */
export interface WriteSpec<S> {
  ctx: GatewayContext;
  /** The mutation's name, scoping its idempotency keys. */
  mutation: string;
  provider: TicketProvider;
  capability: ProviderCapability;
  /** What the provider cannot do, in words: "add messages". */
  operation: string;
  idempotencyKey?: string | null;
  /** The input as the client sent it (files by name, size and type), for the idempotency fingerprint. */
  input: unknown;
  /** Gateway-side checks; any error stops the write before an upstream call. */
  validate?: () => Promise<FieldError[]> | FieldError[];
  /** Does the write once and records the new state in the request's loaders. */
  write: () => Promise<Success>;
  /** Builds the success answer from a (possibly replayed) outcome. */
  present: (outcome: Success) => Promise<S>;
}

/**
 * Runs a write: refuses what the provider cannot do and invalid input before any upstream
 * call, and with an idempotency key replays a finished write instead of writing twice.
 * Expected refusals become typed errors; outages stay GraphQL errors with upstream codes.
 */
export async function performWrite<S>(spec: WriteSpec<S>): Promise<S | WriteErrorShape> {
  const { provider } = spec;
  if (!provider.capabilities.includes(spec.capability)) return unsupported(provider.key, spec.operation);
  const errors = spec.validate ? await spec.validate() : [];
  if (errors.length) return invalid(errors);
  const key = spec.idempotencyKey ? `${spec.mutation}:${spec.idempotencyKey}` : undefined;
  if (key) {
    const claim = await spec.ctx.idempotency.claim(key, fingerprint(spec.input), provider.key);
    if (claim.state === 'conflict') {
      return invalid([{ field: 'idempotencyKey', message: 'This key was used with a different input.' }]);
    }
    if (claim.state === 'done') return answer(spec, claim.outcome);
  }
  let outcome: StoredOutcome;
  try {
    outcome = await spec.write();
  } catch (error) {
    const known = classify(error, provider.key, spec.ctx.redact);
    if (!known) {
      // The upstream surely did not take the write (refused connection, auth, rate limit): a retry may try again.
      if (key) await spec.ctx.idempotency.release(key);
      throw publicError(error);
    }
    outcome = known;
  }
  if (key) await spec.ctx.idempotency.complete(key, outcome);
  return answer(spec, outcome);
}

/**
 * The outcome of a failed write worth remembering; `undefined` only where the upstream surely
 * did not take the write. Anything unexpected (an answer we could not read, a bug after the
 * call) may have followed a write that happened, so it counts as an unknown outcome. A
 * refusal's texts are the provider's (fitted by `WriteRejection`) and may echo what was sent,
 * credentials included: they are redacted here, before they are answered or stored.
 */
function classify(error: unknown, provider: string, redact: Redact): StoredOutcome | undefined {
  if (error instanceof WriteRejection) {
    const fieldErrors = error.fieldErrors.map((e) => ({
      field: redact(e.field),
      message: redact(e.message),
    }));
    return {
      type: 'rejection',
      kind: error.kind,
      message: redact(error.message),
      provider: error.provider,
      fieldErrors,
    };
  }
  if (error instanceof UpstreamError) {
    return NOT_TAKEN.has(error.code) ? undefined : { type: 'outcome-unknown', provider: error.provider };
  }
  console.error(`write to ${provider} failed unexpectedly`, error);
  return { type: 'outcome-unknown', provider };
}

/**
 * Failures where the upstream did not take the write: the connection never carried it, or
 * the credentials, the rate limit or a 503 turned it away (answers after which it may have
 * been saved are UPSTREAM_OUTCOME_UNKNOWN instead, see `http.ts`).
 */
const NOT_TAKEN = new Set<UpstreamError['code']>([
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_AUTH',
  'UPSTREAM_TIMEOUT',
  'NOT_FOUND',
]);

async function answer<S>(spec: WriteSpec<S>, outcome: StoredOutcome): Promise<S | WriteErrorShape> {
  switch (outcome.type) {
    case 'rejection':
      if (outcome.kind === 'NOT_FOUND') return notFound(outcome.message);
      if (outcome.kind === 'TICKET_CLOSED') return ticketClosed(outcome.message);
      return invalid(outcome.fieldErrors, outcome.message);
    case 'outcome-unknown':
      throw new GatewayError(
        `Provider "${outcome.provider}" did not confirm the write in time; it may or may not have happened. Check before retrying.`,
        'UPSTREAM_OUTCOME_UNKNOWN',
        outcome.provider,
      );
    default:
      return spec.present(outcome);
  }
}

/** Uploads count by name, size and type (yoga's File class is its own, and carries a parse-time `lastModified`). */
function fingerprint(input: unknown): string {
  const json = JSON.stringify(input, (_key, value: unknown) => {
    const file = value as Partial<File> | null;
    const isUpload =
      typeof file === 'object' &&
      file !== null &&
      typeof file.arrayBuffer === 'function' &&
      typeof file.name === 'string';
    return isUpload ? { file: file.name, size: file.size, type: file.type } : value;
  });
  return createHash('sha256').update(json).digest('base64url');
}
