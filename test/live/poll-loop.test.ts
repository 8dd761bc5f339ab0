import { describe, expect, it } from 'vitest';
import { PollLoop } from '../../src/live/loop.js';
import { LiveService } from '../../src/live/service.js';
import { MemoryLiveState } from '../../src/live/state.js';
import { FakeProvider } from './fake-provider.js';
import { ManualClock, turn } from './manual-clock.js';

/** A loop over a run that counts its calls, fails when told to, and can be held open. */
function loop(intervalMs = 1_000) {
  const clock = new ManualClock();
  const errors: unknown[] = [];
  const runs = { started: 0, ended: 0, fail: false, hold: undefined as Promise<void> | undefined };
  const target = new PollLoop(
    async () => {
      runs.started += 1;
      await runs.hold;
      runs.ended += 1;
      if (runs.fail) throw new Error('upstream down');
    },
    { intervalMs, clock, onError: (error) => errors.push(error) },
  );
  return { clock, errors, runs, target };
}

describe('PollLoop', () => {
  it('runs at once, then an interval after each run ends, on its clock only', async () => {
    const { clock, runs, target } = loop();
    target.start();
    expect(runs.started).toBe(0);
    await clock.advance(0);
    expect(runs.ended).toBe(1);
    await clock.advance(999);
    expect(runs.started).toBe(1);
    await clock.advance(1);
    expect(runs.ended).toBe(2);
    await clock.advance(3_000);
    expect(runs.ended).toBe(5);
  });

  it('counts the interval from the end of a slow run, not its start', async () => {
    const { clock, runs, target } = loop();
    let release = (): void => undefined;
    runs.hold = new Promise((resolve) => (release = resolve));
    target.start();
    await clock.advance(5_000);
    expect([runs.started, runs.ended]).toEqual([1, 0]);
    release();
    runs.hold = undefined;
    await turn();
    await clock.advance(999);
    expect(runs.started).toBe(1);
    await clock.advance(1);
    expect(runs.started).toBe(2);
  });

  it('reports a failed run and goes on', async () => {
    const { clock, errors, runs, target } = loop();
    runs.fail = true;
    target.start();
    await clock.advance(0);
    runs.fail = false;
    await clock.advance(1_000);
    expect(errors).toEqual([new Error('upstream down')]);
    expect(runs.ended).toBe(2);
  });

  it('stops: no timer is left, and stop waits for the run in progress', async () => {
    const { clock, runs, target } = loop();
    let release = (): void => undefined;
    target.start();
    await clock.advance(0);
    runs.hold = new Promise((resolve) => (release = resolve));
    await clock.advance(1_000);
    let stopped = false;
    const stopping = target.stop().then(() => (stopped = true));
    await turn();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(clock.pending).toBe(0);
    await clock.advance(10_000);
    expect(runs.started).toBe(2);
  });

  it('runs on demand between timed runs, never two at once', async () => {
    const { clock, runs, target } = loop();
    let release = (): void => undefined;
    runs.hold = new Promise((resolve) => (release = resolve));
    target.start();
    await clock.advance(0);
    const extra = target.runOnce();
    await turn();
    expect(runs.started).toBe(1);
    release();
    await extra;
    expect(runs.ended).toBe(2);
  });
});

describe('LiveService', () => {
  it('polls a provider while someone watches it, on its clock; pollOnce drives a poll', async () => {
    const clock = new ManualClock();
    const provider = new FakeProvider(3);
    const live = new LiveService({ providers: new Map([['fake', provider]]), pollIntervalMs: 5_000, clock });
    await expect(live.pollOnce('fake')).rejects.toThrow('fake is not being polled here');
    const release = live.interest.add(['fake']);
    expect(live.polling()).toEqual(['fake']);
    await clock.advance(0);
    expect(provider.calls.lists).toBe(1);
    await live.pollOnce('fake');
    expect(provider.calls.lists).toBe(2);
    await clock.advance(5_000);
    expect(provider.calls.lists).toBe(3);
    release();
    expect(live.polling()).toEqual([]);
    await clock.advance(60_000);
    expect(provider.calls.lists).toBe(3);
    await live.close();
  });

  it('keeps its state on its clock: watched tickets expire by it', async () => {
    const clock = new ManualClock();
    const state = new MemoryLiveState(() => clock.now());
    await state.watchTickets('fake', ['1'], 3_000);
    await clock.advance(2_999);
    expect(await state.watchedTickets('fake')).toEqual(['1']);
    await clock.advance(1);
    expect(await state.watchedTickets('fake')).toEqual([]);
  });
});
