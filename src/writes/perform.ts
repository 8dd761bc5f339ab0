import { createHash } from 'node:crypto';
import type { GatewayContext } from '../context.js';
import { UpstreamError } from '../errors.js';
import type { TicketProvider } from '../providers/provider.js';
import { WriteRejection, type FieldError, type TicketWriteMap, type WriteName } from '../providers/writes.js';
import type { StoredOutcome } from './idempotency.js';
import {
  NotFoundError,
  TicketClosedError,
  UnsupportedOperationError,
  ValidationError,
  type WriteError,
  type WriteResult,
  type WriteSuccess,
} from './outcome.js';

/** One mutation's write, from finding the provider's write to its outcome. */
export interface WriteSpec<N extends WriteName = WriteName> {
  ctx: GatewayContext;
  /** The mutation's name, scoping its idempotency keys. */
  mutation: string;
  provider: TicketProvider;
  /** The provider's write it runs (`provider.writes[writeName]`); without it, the answer is unsupported. */
  writeName: N;
  /** What the provider cannot do, in words: "add messages". */
  operation: string;
  idempotencyKey?: string | null;
  /** The input as the client sent it (files by name, size and type), for the idempotency fingerprint. */
  input: unknown;
  /** Gateway-side checks; any error stops the write before an upstream call. */
  validate?: () => Promise<FieldError[]> | FieldError[];
  /** Does the write once with the provider's `call` and records the new state in the request's loaders. */
  write: (call: TicketWriteMap[N]) => Promise<WriteSuccess>;
}

/**
 * Runs a write: refuses what the provider cannot do and invalid input before any upstream
 * call, and with an idempotency key replays a finished write instead of writing twice.
 * Expected refusals are `rejected` results; outages throw their `UpstreamError` (so does a
 * write that may or may not have happened, as `UPSTREAM_OUTCOME_UNKNOWN`).
 */
export async function performWrite<N extends WriteName>(spec: WriteSpec<N>): Promise<WriteResult> {
  const { provider } = spec;
  const call = provider.writes[spec.writeName];
  if (!call) return rejected(new UnsupportedOperationError(provider.key, spec.operation));
  const errors = spec.validate ? await spec.validate() : [];
  if (errors.length) return rejected(new ValidationError(errors));
  const key = spec.idempotencyKey ? `${spec.mutation}:${spec.idempotencyKey}` : undefined;
  if (key) {
    const claim = await spec.ctx.idempotency.claim(key, fingerprint(spec.input), provider.key);
    if (claim.state === 'conflict') {
      const reused = { field: 'idempotencyKey', message: 'This key was used with a different input.' };
      return rejected(new ValidationError([reused]));
    }
    if (claim.state === 'done') return answer(claim.outcome);
  }
  let outcome: StoredOutcome;
  try {
    outcome = await spec.write(call);
  } catch (error) {
    const known = classify(error, provider.key, spec.ctx);
    if (!known) {
      // The upstream surely did not take the write (refused connection, auth, rate limit): a retry may try again.
      if (key) await spec.ctx.idempotency.release(key);
      throw error;
    }
    outcome = known;
  }
  if (key) await spec.ctx.idempotency.complete(key, outcome);
  return answer(outcome);
}

/**
 * The outcome of a failed write worth remembering; `undefined` only where the upstream surely
 * did not take the write. Anything unexpected (an answer we could not read, a bug after the
 * call) may have followed a write that happened, so it counts as an unknown outcome. A
 * refusal's texts are the provider's (fitted by `WriteRejection`) and may echo what was sent,
 * credentials included: they are redacted here, before they are answered or stored.
 */
function classify(error: unknown, provider: string, ctx: GatewayContext): StoredOutcome | undefined {
  const { redact } = ctx;
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
  ctx.log.error({ err: error, provider }, `write to ${provider} failed unexpectedly`);
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

function rejected(error: WriteError): WriteResult {
  return { kind: 'rejected', error };
}

/** The result of a (possibly replayed) outcome; an unknown one is thrown, as it was the first time. */
function answer(outcome: StoredOutcome): WriteResult {
  switch (outcome.type) {
    case 'rejection':
      if (outcome.kind === 'NOT_FOUND') return rejected(new NotFoundError(outcome.message));
      if (outcome.kind === 'TICKET_CLOSED') return rejected(new TicketClosedError(outcome.message));
      return rejected(new ValidationError(outcome.fieldErrors, outcome.message));
    case 'outcome-unknown':
      throw new UpstreamError('UPSTREAM_OUTCOME_UNKNOWN', outcome.provider, 'the write was not confirmed');
    default:
      return { kind: 'success', outcome };
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
