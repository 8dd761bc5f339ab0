import { describe, expect, it } from 'vitest';
import { RequestBudget } from '../../src/live/budget.js';
import { ManualClock } from './manual-clock.js';

describe('RequestBudget', () => {
  it('grants everything without a rate', () => {
    const budget = new RequestBudget(undefined, new ManualClock());
    expect(budget.take(1_000_000)).toBe(true);
    expect(budget.takeUpTo(500)).toBe(500);
  });

  it('starts with a quarter minute of requests plus one', () => {
    const budget = new RequestBudget(60, new ManualClock());
    expect(budget.takeUpTo(100)).toBe(16);
    expect(budget.take(1)).toBe(false);
  });

  it('takes all of a count or none of it', () => {
    const budget = new RequestBudget(8, new ManualClock());
    expect(budget.take(4)).toBe(false);
    expect(budget.take(3)).toBe(true);
    expect(budget.take(1)).toBe(false);
  });

  it('grants part of a count when that is all there is, and nothing below zero', () => {
    const budget = new RequestBudget(8, new ManualClock());
    expect(budget.takeUpTo(2)).toBe(2);
    expect(budget.takeUpTo(5)).toBe(1);
    expect(budget.takeUpTo(5)).toBe(0);
  });

  it('refills at its rate a minute, by the clock, whole requests only', async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget(60, clock);
    expect(budget.takeUpTo(100)).toBe(16);
    await clock.advance(500);
    expect(budget.take(1)).toBe(false);
    await clock.advance(500);
    expect(budget.take(1)).toBe(true);
    await clock.advance(5_000);
    expect(budget.takeUpTo(100)).toBe(5);
  });

  it('saves up at most a quarter minute plus one while quiet: no burst after a pause', async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget(60, clock);
    expect(budget.takeUpTo(100)).toBe(16);
    await clock.advance(60 * 60_000);
    expect(budget.takeUpTo(100)).toBe(16);
    // Then 60 a minute: one a second, and none in between.
    const granted: number[] = [];
    for (let step = 0; step < 8; step += 1) {
      await clock.advance(500);
      granted.push(budget.takeUpTo(100));
      await clock.advance(500);
      granted.push(budget.takeUpTo(100));
    }
    expect(granted).toEqual(Array.from({ length: 8 }, () => [0, 1]).flat());
  });

  it('does not count time before it was made', async () => {
    const clock = new ManualClock();
    await clock.advance(60_000);
    const budget = new RequestBudget(60, clock);
    expect(budget.takeUpTo(100)).toBe(16);
  });
});
