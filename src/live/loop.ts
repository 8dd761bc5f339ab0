import type { Clock, TimerHandle } from '../clock.js';

/** What a `PollLoop` runs, and how often. */
export interface PollLoopOptions {
  /** Pause between the end of one run and the start of the next (ms). */
  intervalMs: number;
  /** Whose timers schedule the runs. */
  clock: Clock;
  /** Called with what made a timed run fail; the loop goes on. */
  onError: (error: unknown) => void;
}

const ignore = (): void => undefined;

/**
 * Runs `run` on the clock's timers, an interval after each run ends (never at a fixed rate,
 * so a slow upstream is not asked again before it answered), and on demand (`runOnce`).
 * Runs never overlap, whoever asked for them.
 */
export class PollLoop {
  private timer: TimerHandle | undefined;
  /** The last run started or queued, settled (never rejecting). */
  private running: Promise<void> = Promise.resolve();
  private stopped = true;

  constructor(
    private readonly run: () => Promise<void>,
    private readonly options: PollLoopOptions,
  ) {}

  /** Starts the loop with a run now; does nothing while it runs. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the loop; resolves once a run in progress (or queued) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.options.clock.clearTimeout(this.timer);
    await this.running;
  }

  /**
   * One run now, after any run in progress; rejects with the run's error. The timer loop runs
   * through it, and tests drive runs with it instead of waiting for intervals to pass.
   */
  runOnce(): Promise<void> {
    const run = this.running.then(() => this.run());
    this.running = run.then(ignore, ignore);
    return run;
  }

  private schedule(delay: number): void {
    this.timer = this.options.clock.setTimeout(() => {
      void this.runOnce()
        .catch(this.options.onError)
        .finally(() => {
          if (!this.stopped) this.schedule(this.options.intervalMs);
        });
    }, delay);
  }
}
