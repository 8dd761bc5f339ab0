/**
 * Which browser origins may use the gateway: its own, and those listed in `CORS_ORIGINS`.
 * One policy serves CORS, WebSocket upgrades and SSE streams.
 */
export class OriginPolicy {
  private readonly allowed: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.allowed = new Set(origins);
  }

  /**
   * True for requests without an `Origin` (not from a browser page, or same-origin GET), for
   * the gateway's own origin (the `Host` the request was sent to) and for listed origins.
   */
  permits(origin: string | null | undefined, host: string | null | undefined): boolean {
    if (origin === null || origin === undefined) return true;
    if (this.allowed.has(origin)) return true;
    try {
      return host !== null && host !== undefined && new URL(origin).host === host;
    } catch {
      return false;
    }
  }
}
