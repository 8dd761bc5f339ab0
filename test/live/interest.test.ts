import { describe, expect, it } from 'vitest';
import { Interest } from '../../src/live/interest.js';

/** An `Interest` and the changes it reported, as `provider:on|off`. */
function interest() {
  const changes: string[] = [];
  const target = new Interest((provider, watched) => changes.push(`${provider}:${watched ? 'on' : 'off'}`));
  return { target, changes };
}

describe('Interest', () => {
  it('turns a provider on with its first subscriber and off with its last', () => {
    const { target, changes } = interest();
    const a = target.add(['daakey', 'taskip']);
    const b = target.add(['daakey']);
    expect(changes).toEqual(['daakey:on', 'taskip:on']);
    expect(target.snapshot()).toEqual({ daakey: 2, taskip: 1 });
    a();
    expect(changes).toEqual(['daakey:on', 'taskip:on', 'taskip:off']);
    expect(target.snapshot()).toEqual({ daakey: 1 });
    b();
    expect(changes).toEqual(['daakey:on', 'taskip:on', 'taskip:off', 'daakey:off']);
    expect(target.snapshot()).toEqual({});
  });

  it('takes interest back once, however often the release is called', () => {
    const { target, changes } = interest();
    const a = target.add(['ippanel']);
    const b = target.add(['ippanel']);
    a();
    a();
    expect(changes).toEqual(['ippanel:on']);
    expect(target.snapshot()).toEqual({ ippanel: 1 });
    b();
    expect(changes).toEqual(['ippanel:on', 'ippanel:off']);
  });

  it('counts tickets watched by id, per provider, until their last watcher leaves', () => {
    const { target } = interest();
    const one = target.add(['taskip'], { provider: 'taskip', remoteId: '7' });
    const two = target.add(['taskip'], { provider: 'taskip', remoteId: '7' });
    const other = target.add(['daakey'], { provider: 'daakey', remoteId: '7' });
    expect(target.watchedTickets('taskip')).toEqual(['7']);
    expect(target.watchedTickets('daakey')).toEqual(['7']);
    one();
    expect(target.watchedTickets('taskip')).toEqual(['7']);
    two();
    expect(target.watchedTickets('taskip')).toEqual([]);
    other();
    expect(target.watchedTickets('daakey')).toEqual([]);
    expect(target.watchedTickets('kinconecta')).toEqual([]);
  });

  it('restarts a provider that was turned off when a new subscriber comes', () => {
    const { target, changes } = interest();
    target.add(['kinconecta'])();
    target.add(['kinconecta']);
    expect(changes).toEqual(['kinconecta:on', 'kinconecta:off', 'kinconecta:on']);
  });
});
