import { UpstreamError } from '../errors.js';
import type { Category } from './writes.js';

/**
 * A provider's categories: read once (the known ones merged with those on its tickets) and
 * kept. When the upstream cannot be read, the known ones are answered and nothing is kept,
 * so the next call tries again: creating a ticket should not depend on the list being up.
 */
export class CategoryCache {
  private cached: Promise<Category[]> | undefined;

  constructor(
    private readonly read: () => Promise<Category[]>,
    private readonly known: () => Category[],
  ) {}

  /** The categories; concurrent first calls share one read. */
  get(): Promise<Category[]> {
    this.cached ??= this.read().catch((error: unknown) => {
      this.cached = undefined;
      if (error instanceof UpstreamError) return this.known();
      throw error;
    });
    return this.cached;
  }
}
