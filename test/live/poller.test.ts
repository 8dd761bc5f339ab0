import { describe, expect, it } from 'vitest';
import { ProviderPoller } from '../../src/live/poller.js';
import { leaseTtl, MemoryLiveState, type LiveState } from '../../src/live/state.js';
import { FakeProvider, RecordingPublisher } from './fake-provider.js';
import { ManualClock } from './manual-clock.js';

const INTERVAL = 1_000;

interface Setup {
  count?: number;
  pageSize?: number;
  maxPages?: number;
  /** A list without change signals, as TaskIP's. */
  silent?: boolean;
  budget?: number;
  /** The poll interval: a snapshot older than the lease time and two intervals is history. */
  interval?: number;
  watched?: string[];
  state?: (clock: ManualClock) => LiveState;
}

/** A poller over a fake provider, driven by hand: `poll()` is one `pollOnce()`. */
function setup(options: Setup = {}) {
  const clock = new ManualClock();
  const provider = new FakeProvider(options.count ?? 3, options.pageSize, options.silent, options.budget);
  const state = options.state?.(clock) ?? new MemoryLiveState(() => clock.now());
  const publisher = new RecordingPublisher(state);
  const watched = options.watched ?? [];
  const errors: unknown[] = [];
  const poller = new ProviderPoller(provider, state, publisher, {
    intervalMs: options.interval ?? INTERVAL,
    holder: 'here',
    maxPages: options.maxPages ?? 10,
    detailBudget: 3,
    watched: () => watched,
    onError: (_provider, error) => errors.push(error),
    clock,
  });
  return { clock, provider, state, publisher, watched, errors, poller, poll: () => poller.pollOnce() };
}

describe('ProviderPoller.pollOnce', () => {
  it('takes what it sees first as history: no events, and no details where the list has a signal', async () => {
    const { provider, publisher, poll } = setup();
    await poll();
    expect(publisher.published).toEqual([]);
    expect(provider.calls).toEqual({ lists: 1, details: [] });
  });

  it('announces a new message once, reading only the ticket whose signal moved', async () => {
    const { provider, publisher, poll } = setup();
    await poll();
    provider.reply('2', 'Hello');
    await poll();
    await poll();
    expect(publisher.published).toEqual(['message 2 Hello']);
    expect(provider.calls.details).toEqual([['2']]);
    provider.reply('2', 'Again');
    await poll();
    expect(publisher.published).toEqual(['message 2 Hello', 'message 2 Again']);
  });

  it('announces a status change once, with the status before; and the change back', async () => {
    const { provider, publisher, poll } = setup();
    await poll();
    provider.set('1', { status: 'RESOLVED', remoteStatus: 'resolved' });
    await poll();
    await poll();
    expect(publisher.published).toEqual(['changed 1 status OPEN -> RESOLVED']);
    provider.set('1', { status: 'OPEN', remoteStatus: 'open' });
    await poll();
    expect(publisher.published).toEqual([
      'changed 1 status OPEN -> RESOLVED',
      'changed 1 status RESOLVED -> OPEN',
    ]);
  });

  it('reads every open signal-less ticket once at first, then a round robin of them', async () => {
    const { provider, publisher, poll } = setup({ count: 5, silent: true });
    await poll();
    expect(provider.calls.details).toEqual([['5', '4', '3', '2', '1']]);
    provider.reply('1', 'Found by the round robin');
    await poll();
    expect(provider.calls.details[1]).toEqual(['5', '4', '3']);
    expect(publisher.published).toEqual([]);
    await poll();
    expect(provider.calls.details[2]).toEqual(['2', '1', '5']);
    expect(publisher.published).toEqual(['message 1 Found by the round robin']);
  });

  it('stops reading when its budget is spent, and goes on as the clock refills it', async () => {
    // 4 a minute: at most 2 saved up, one more every 15 s; polls a minute apart keep the snapshot current.
    const { clock, provider, publisher, poll } = setup({
      count: 5,
      silent: true,
      budget: 4,
      interval: 60_000,
    });
    await poll();
    provider.reply('5', 'Within the budget');
    await poll();
    await poll();
    // The first poll's list and the second's took the two; nothing is left for details or a list.
    expect(provider.calls.lists).toBe(2);
    expect(provider.calls.details).toEqual([['5', '4', '3', '2', '1']]);
    await clock.advance(7_500);
    await poll();
    expect(provider.calls.lists).toBe(2);
    await clock.advance(7_500);
    await poll();
    expect(provider.calls.lists).toBe(3);
    expect(publisher.published).toEqual([]);
    await clock.advance(30_000);
    await poll();
    expect(provider.calls.details.at(-1)).toEqual(['5']);
    expect(publisher.published).toEqual(['message 5 Within the budget']);
  });

  it('reads watched tickets before the list when the budget is tight', async () => {
    const options = { count: 5, silent: true, budget: 4, interval: 60_000, watched: ['2'] };
    const { clock, provider, poll } = setup(options);
    await poll();
    expect(provider.reads('2')).toBe(1);
    // Both requests spent: neither the watched ticket nor the list is read.
    await poll();
    expect(provider.reads('2')).toBe(1);
    // One more request: the watched ticket gets it, the list does not.
    await clock.advance(15_000);
    await poll();
    expect(provider.calls.lists).toBe(1);
    expect(provider.reads('2')).toBe(2);
  });

  it('reads nothing without the lease, but still says which tickets are watched here', async () => {
    class Taken extends MemoryLiveState {
      override async lease(): Promise<boolean> {
        return false;
      }
    }
    const { provider, publisher, state, poll } = setup({
      watched: ['1'],
      state: (c) => new Taken(() => c.now()),
    });
    await poll();
    provider.reply('1');
    await poll();
    expect(provider.calls).toEqual({ lists: 0, details: [] });
    expect(publisher.published).toEqual([]);
    expect(await state.watchedTickets('fake')).toEqual(['1']);
  });

  it('reads tickets watched by id directly every poll, also beyond the pages it lists', async () => {
    const { provider, publisher, poll } = setup({ count: 5, pageSize: 2, maxPages: 1, watched: ['1'] });
    await poll();
    expect(provider.calls).toEqual({ lists: 1, details: [['1']] });
    provider.reply('1', 'Beyond the pages');
    await poll();
    provider.set('1', { status: 'PENDING', remoteStatus: 'pending' });
    await poll();
    expect(provider.reads('1')).toBe(3);
    expect(publisher.published).toEqual(['message 1 Beyond the pages', 'changed 1 status OPEN -> PENDING']);
  });

  it('drops a watched ticket that answers 404: its watchers are told once, and nobody reads it again', async () => {
    const { provider, publisher, state, watched, poll } = setup({ watched: ['2'] });
    await poll();
    provider.tickets.delete('2');
    await poll();
    expect(publisher.published).toEqual(['gone 2']);
    expect(await state.watchedTickets('fake')).toEqual([]);
    expect((await state.loadSnapshot('fake'))?.tickets['2']).toBeUndefined();
    // The subscriptions ended, and with them the interest.
    watched.length = 0;
    await poll();
    expect(provider.reads('2')).toBe(2);
    expect(publisher.published).toEqual(['gone 2']);
  });

  it('goes on from its snapshot after a short pause, and starts afresh after a long one', async () => {
    const { clock, provider, publisher, poll } = setup();
    const history = leaseTtl(INTERVAL) + 2 * INTERVAL;
    await poll();
    provider.reply('1', 'During a short pause');
    await clock.advance(history);
    await poll();
    expect(publisher.published).toEqual(['message 1 During a short pause']);
    provider.reply('1', 'While nobody polled');
    await clock.advance(history + 1);
    await poll();
    provider.reply('1', 'After the restart');
    await poll();
    expect(publisher.published).toEqual(['message 1 During a short pause', 'message 1 After the restart']);
  });

  it('never runs two polls at once, and rejects with what made one fail', async () => {
    const { provider, poll } = setup();
    await Promise.all([poll(), poll(), poll()]);
    expect(provider.maxConcurrent).toBe(1);
    expect(provider.calls.lists).toBe(3);
    provider.listTickets = () => Promise.reject(new Error('upstream down'));
    await expect(poll()).rejects.toThrow('upstream down');
  });
});
