import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisLiveState } from '../../src/live/redis.js';
import { MemoryLiveState, type LiveState, type WriteNote } from '../../src/live/state.js';
import { WriteNotes } from '../../src/live/own-writes.js';
import { startRedis } from '../support/processes.js';
import { hasRedis } from '../support/binaries.js';

/** The write-note contract both live states keep: one note per ticket and field, forgotten only as read. */
let redis: Awaited<ReturnType<typeof startRedis>>;
const withRedis = hasRedis();
beforeAll(async () => {
  if (withRedis) redis = await startRedis();
}, 20_000);
afterAll(async () => {
  await redis?.stop();
});

const note = (remoteId: string, field: string, value: string | null, at: number): WriteNote => ({
  remoteId,
  field,
  value,
  at,
});
const sorted = (notes: WriteNote[]) => [...notes].sort((x, y) => x.at - y.at);

const states: Array<[string, () => LiveState]> = [['memory', () => new MemoryLiveState()]];
// Without redis-server (a machine with only Node), the Redis half is skipped with one line.
if (withRedis) states.push(['redis', () => new RedisLiveState(redis.client, `t${Math.random()}:`)]);

describe.each(states)('%s write notes', (_name, make) => {
  it('keeps the latest note per ticket and field, per provider', async () => {
    const state = make();
    await state.noteWrite('taskip', [note('1', 'status', 'RESOLVED', 10), note('1', 'priority', 'HIGH', 11)]);
    await state.noteWrite('taskip', [note('1', 'status', 'OPEN', 12)]);
    await state.noteWrite('daakey', [note('1', 'status', null, 13)]);
    expect(sorted(await state.writeNotes('taskip'))).toEqual([
      note('1', 'priority', 'HIGH', 11),
      note('1', 'status', 'OPEN', 12),
    ]);
    expect(await state.writeNotes('daakey')).toEqual([note('1', 'status', null, 13)]);
  });

  it('forgets a note only while no later write replaced it', async () => {
    const state = make();
    await state.noteWrite('taskip', [note('1', 'status', 'RESOLVED', 10), note('2', 'status', 'OPEN', 10)]);
    const read = await state.writeNotes('taskip');
    // A write between the poll's read of the notes and its forgetting them.
    await state.noteWrite('taskip', [note('1', 'status', 'OPEN', 20)]);
    await state.forgetWrites('taskip', read);
    expect(await state.writeNotes('taskip')).toEqual([note('1', 'status', 'OPEN', 20)]);
  });
});

describe('a poll’s view of the notes', () => {
  const notes = [note('1', 'status', 'RESOLVED', 100), note('2', 'status', 'OPEN', 300)];

  it('holds back a ticket written after its reads began, and lays earlier writes over the mark', () => {
    const view = new WriteNotes(notes, 200);
    expect(view.pending('1')).toBe(false);
    expect(view.pending('2')).toBe(true);
    expect(view.baseline('1', { status: 'OPEN', priority: 'LOW' })).toEqual({
      fields: { status: 'RESOLVED', priority: 'LOW' },
      since: { status: 100 },
    });
  });

  it('is done with the notes of compared tickets its reads show, and with very old ones', () => {
    const view = new WriteNotes([...notes, note('3', 'status', 'OPEN', 0)], 200);
    view.compare('1');
    view.compare('2');
    expect(view.done(1_000)).toEqual([notes[0]]);
    expect(view.done(3600_001)).toEqual([notes[0], note('3', 'status', 'OPEN', 0)]);
  });
});
