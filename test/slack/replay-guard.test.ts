// The replay guard's memory: every id is remembered for at least the signature window, memory stays
// bounded under a flood, and a quiet spell forgets everything older than the window.
import { describe, expect, it } from 'vitest';
import { MAX_REMEMBERED, RecentRequests, REMEMBER_MS } from '../../src/slack/replay-guard.js';

describe('RecentRequests', () => {
  it('refuses a repeat anywhere inside the window, across a change of generation', () => {
    const recent = new RecentRequests();
    const start = 1_000_000;
    expect(recent.firstSighting('a', start)).toBe(true);
    expect(recent.firstSighting('a', start + 1)).toBe(false);
    // Another id a moment before the window ends, then one after it (the generations turn over).
    expect(recent.firstSighting('b', start + REMEMBER_MS - 1)).toBe(true);
    expect(recent.firstSighting('c', start + REMEMBER_MS)).toBe(true);
    expect(recent.firstSighting('a', start + REMEMBER_MS + 1)).toBe(false);
    expect(recent.firstSighting('b', start + 2 * REMEMBER_MS - 2)).toBe(false);
  });

  it('accepts an id again once it is more than two windows old', () => {
    const recent = new RecentRequests();
    expect(recent.firstSighting('a', 0)).toBe(true);
    expect(recent.firstSighting('b', REMEMBER_MS)).toBe(true);
    expect(recent.firstSighting('c', 2 * REMEMBER_MS)).toBe(true);
    expect(recent.firstSighting('a', 2 * REMEMBER_MS + 1)).toBe(true);
  });

  it('forgets everything after a quiet spell longer than two windows', () => {
    const recent = new RecentRequests();
    for (let i = 0; i < 100; i++) recent.firstSighting(`old-${i}`, 0);
    recent.firstSighting('new', 3 * REMEMBER_MS);
    expect(recent.size).toBe(1);
  });

  it('stays within its bound under a flood, remembering the newest ids', () => {
    const recent = new RecentRequests();
    const flood = 3 * MAX_REMEMBERED;
    for (let i = 0; i < flood; i++) expect(recent.firstSighting(`id-${i}`, 5_000)).toBe(true);
    expect(recent.size).toBeLessThanOrEqual(MAX_REMEMBERED);
    expect(recent.firstSighting(`id-${flood - 1}`, 5_000)).toBe(false);
    expect(recent.firstSighting(`id-${flood - MAX_REMEMBERED / 2}`, 5_000)).toBe(false);
  });
});
