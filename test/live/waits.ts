import type { Client } from 'graphql-ws';
import type { LiveService } from '../../src/live/service.js';
import { eventually } from '../support/live.js';

/**
 * Polls each of `providers` `times` times on `live`, one poll after the other, once `live`
 * polls them (a new subscription registers its interest a moment after it is sent). When it
 * resolves, every event those polls found has been published: what waited for "a few
 * intervals" before waits for this instead.
 */
export async function pollNow(live: LiveService, providers: readonly string[], times = 1): Promise<void> {
  await eventually(() => providers.every((p) => live.polling().includes(p)), 5_000, `polling ${providers}`);
  for (let i = 0; i < times; i += 1) for (const provider of providers) await live.pollOnce(provider);
}

/**
 * Resolves once whatever the server sent on `client`'s socket before now has arrived: a query
 * over the same socket is answered after it (one connection keeps its order). With `pollNow`
 * before it, "no more events arrived" means that the polls published none.
 */
export function delivered(client: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    client.subscribe(
      { query: '{ __typename }' },
      { next: () => undefined, error: reject, complete: resolve },
    );
  });
}
