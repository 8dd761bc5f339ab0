import type { Server, ServerResponse } from 'node:http';

/**
 * Counts the HTTP responses in flight, so shutdown can let them finish: once draining, each
 * response closes its connection instead of keeping it alive for another request.
 */
export class HttpDrain {
  private readonly active = new Set<ServerResponse>();
  private draining = false;

  constructor(server: Server) {
    server.on('request', (_req, res: ServerResponse) => {
      if (this.draining) res.setHeader('connection', 'close');
      this.active.add(res);
      res.once('close', () => this.active.delete(res));
    });
  }

  /** Responses still being produced, not counting event streams (they end with the subscriptions). */
  get inFlight(): number {
    let n = 0;
    for (const res of this.active)
      if (!String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) n++;
    return n;
  }

  start(): void {
    this.draining = true;
  }
}

/** Resolves once `idle()` holds or `ms` have passed; says which. */
export async function waitUntil(idle: () => boolean, ms: number, stepMs = 20): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!idle()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return true;
}
