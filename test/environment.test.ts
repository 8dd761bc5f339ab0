import { describe, expect, it } from 'vitest';

describe('the test environment', () => {
  it('runs in a zone that is not UTC, so date handling cannot lean on the host zone unnoticed', () => {
    expect(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset()).not.toBe(0);
  });
});
