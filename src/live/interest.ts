/**
 * Which providers this instance's subscribers watch, counted, so polling starts with the
 * first subscriber of a provider and stops when the last one leaves.
 */
export class Interest {
  private counts = new Map<string, number>();

  constructor(private readonly onChange: (provider: string, watched: boolean) => void) {}

  /** Registers interest in `providers`; the returned function takes it back (once). */
  add(providers: readonly string[]): () => void {
    for (const p of providers) {
      const n = (this.counts.get(p) ?? 0) + 1;
      this.counts.set(p, n);
      if (n === 1) this.onChange(p, true);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const p of providers) {
        const n = (this.counts.get(p) ?? 1) - 1;
        if (n > 0) this.counts.set(p, n);
        else {
          this.counts.delete(p);
          this.onChange(p, false);
        }
      }
    };
  }

  /** Subscribers per watched provider. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
