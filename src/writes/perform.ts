import { createHash } from 'node:crypto';
import type { GatewayContext } from '../context.js';
import { GatewayError, UpstreamError } from '../errors.js';
import type { ProviderCapability, TicketProvider } from '../providers/provider.js';
import { WriteRejection, type FieldError } from '../providers/writes.js';
import type { StoredOutcome } from './idempotency.js';
import { invalid, notFound, ticketClosed, unsupported, type WriteErrorShape } from './outcome.js';
import { publicError } from '../schema/errors.js';

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
    const claim = await spec.ctx.idempotency.claim(key, fingerprint(spec.input));
    if (claim.state === 'conflict') {
      return invalid([{ field: 'idempotencyKey', message: 'This key was used with a different input.' }]);
    }
    if (claim.state === 'done') return answer(spec, claim.outcome);
  }
  let outcome: StoredOutcome;
  try {
    outcome = await spec.write();
  } catch (error) {
    const known = classify(error);
    if (!known) {
      if (key) await spec.ctx.idempotency.release(key);
      throw publicError(error);
    }
    outcome = known;
  }
  if (key) await spec.ctx.idempotency.complete(key, outcome);
  return answer(spec, outcome);
}

/** The outcome of an error worth remembering; `undefined` for failures where nothing was written. */
function classify(error: unknown): StoredOutcome | undefined {
  if (error instanceof WriteRejection) {
    return {
      type: 'rejection',
      kind: error.kind,
      message: error.message,
      provider: error.provider,
      fieldErrors: error.fieldErrors,
    };
  }
  if (error instanceof UpstreamError && error.code === 'UPSTREAM_OUTCOME_UNKNOWN') {
    return { type: 'outcome-unknown', provider: error.provider };
  }
  return undefined;
}

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

function fingerprint(input: unknown): string {
  const json = JSON.stringify(input, (_key, value: unknown) =>
    value instanceof File ? { file: value.name, size: value.size, type: value.type } : value,
  );
  return createHash('sha256').update(json).digest('base64url');
}
