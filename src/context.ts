import type { GraphQLError } from 'graphql';
import type { Loaders } from './federation/loaders.js';
import type { TicketProvider } from './providers/provider.js';
import type { IdempotencyStore } from './writes/idempotency.js';
import type { LiveService } from './live/service.js';
import type { ClientIdentity } from './edge/auth.js';
import type { Redact } from './providers/upstream-text.js';
import type { Logger } from './log.js';

/** What every resolver gets: the configured providers and this request's own loaders. */
export interface GatewayContext {
  providers: ReadonlyMap<string, TicketProvider>;
  /** Fresh per request; a subscription renews it for every event it delivers. */
  loaders: Loaders;
  /** Live updates: the event bus, the publisher and the pollers' interest. */
  live: LiveService;
  /** Remembers writes by idempotency key (shared by every request of this gateway). */
  idempotency: IdempotencyStore;
  /**
   * Errors of providers whose part is missing from an otherwise good answer; a yoga plugin
   * adds them to the response's `errors`.
   */
  partialErrors: GraphQLError[];
  /** The authenticated caller (key name, token subject, or anonymous address): never a credential. */
  client: ClientIdentity;
  /** Replaces every configured credential in a text that becomes part of an answer. */
  redact: Redact;
  /** The gateway's logger: for what must not reach the client (an unexpected failure's details). */
  log: Logger;
}
