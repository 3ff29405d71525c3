// Small numbers in channel posts: the disclosure check's subtle cases one by one.
import { describe, expect, it } from 'vitest';
import { boundSum, equateSums, inferIntervals, maskCounts, type Shown, showCount } from '../../src/domain/small-numbers.js';

const exact = (value: number): Shown => ({ kind: 'exact', value });
const small = (below = 5): Shown => ({ kind: 'small', below });
const suppressed: Shown = { kind: 'suppressed' };

/** Every hidden cell keeps at least two values under the reader's interval reasoning. */
function expectNonePinned(shown: Shown[], relations: Parameters<typeof maskCounts>[1], hideBelow: number) {
  const intervals = inferIntervals(shown, relations, hideBelow);
  expect(intervals).toBeDefined();
  shown.forEach((s, i) => {
    if (s.kind !== 'exact') expect(intervals![i]!.hi, `cell ${i}`).toBeGreaterThan(intervals![i]!.lo);
  });
}

describe('the disclosure check', () => {
  it('shows 0 as 0, 1 … T−1 as <T and the rest exactly', () => {
    expect([0, 1, 4, 5, 12].map((v) => showCount(v, 5))).toEqual([exact(0), small(), small(), exact(5), exact(12)]);
    expect(maskCounts([0, 1, 4, 5], [], 5).shown).toEqual([exact(0), small(), small(), exact(5)]);
  });

  it('two hidden parts whose known sum is 2 are both 1: the smallest shown part is withheld too', () => {
    // 12 = a + b + c with a = b = 1 and c = 10 shown: a + b = 2.
    const relations = [equateSums([1, 2, 3], [0])];
    const { shown, unprotected } = maskCounts([12, 1, 1, 10], relations, 5);
    expect(shown).toEqual([exact(12), small(), small(), suppressed]);
    expect(unprotected).toEqual([]);
    expectNonePinned(shown, relations, 5);
  });

  it('two hidden parts whose known sum is 2·(T−1) are both T−1', () => {
    // 8 = 4 + 4 with T = 5: only the total can go, and then it is somewhere in 5 … 8.
    const relations = [equateSums([1, 2], [0])];
    const { shown } = maskCounts([8, 4, 4], relations, 5);
    expect(shown).toEqual([suppressed, small(), small()]);
    expect(inferIntervals(shown, relations, 5)![0]).toEqual({ lo: 5, hi: 8 });
  });

  it('a shown 0 is information too', () => {
    // 8 = 4 + 4 + 0 pins both 4s, and only the total can go. Beside a shown 5 they would have 1 … 4
    // between them only if the sum left room: 13 = 4 + 4 + 5 pins them (the 5 goes), 12 = 3 + 4 + 5 does not.
    expect(maskCounts([8, 4, 4, 0], [equateSums([1, 2, 3], [0])], 5).shown).toEqual([suppressed, small(), small(), exact(0)]);
    expect(maskCounts([13, 4, 4, 5], [equateSums([1, 2, 3], [0])], 5).shown).toEqual([exact(13), small(), small(), suppressed]);
    expect(maskCounts([12, 3, 4, 5], [equateSums([1, 2, 3], [0])], 5).shown).toEqual([exact(12), small(), small(), exact(5)]);
  });

  it('a hidden total whose parts are shown elsewhere is worked out again: a part goes too', () => {
    // S = 5 is the sum of five 1s (pinned, so S goes); S is also u + v with u = 0 and v = 5 shown.
    const relations = [equateSums([1, 2, 3, 4, 5], [0]), equateSums([6, 7], [0])];
    const { shown } = maskCounts([5, 1, 1, 1, 1, 1, 0, 5], relations, 5);
    expect(shown[0]).toEqual(suppressed);
    expect(shown[6]).toEqual(exact(0));
    expect(shown[7]).toEqual(suppressed);
    expectNonePinned(shown, relations, 5);
  });

  it('a last-24-hours figure shown beside a small total', () => {
    // delta ≤ total: a 0 stays 0 and the total keeps 1 … 4; a delta equal to the total is small too.
    expect(maskCounts([3, 0], [boundSum([1], [0])], 5).shown).toEqual([small(), exact(0)]);
    expect(maskCounts([3, 3], [boundSum([1], [0])], 5).shown).toEqual([small(), small()]);
  });

  it('a last-24-hours figure that would pin its withheld total is withheld as well', () => {
    // total 8 = 4 + 4 (so the total goes, to 5 … 8), and 8 of them in the last 24 hours: total ≥ 8.
    const relations = [equateSums([1, 2], [0]), boundSum([3], [0])];
    const { shown } = maskCounts([8, 4, 4, 8], relations, 5);
    expect(shown).toEqual([suppressed, small(), small(), suppressed]);
    expectNonePinned(shown, relations, 5);
  });

  it('chooses the smallest shown cell, the lower index on a tie', () => {
    // 20 = 1 + 6 + 6 + 7: either 6 frees the 1; the first is withheld.
    expect(maskCounts([20, 1, 6, 6, 7], [equateSums([1, 2, 3, 4], [0])], 5).shown).toEqual([exact(20), small(), suppressed, exact(6), exact(7)]);
  });

  it('hide_below=1 hides nothing; T=10 hides 1 … 9', () => {
    const relations = [equateSums([1, 2], [0])];
    expect(maskCounts([3, 1, 2], relations, 1)).toEqual({ shown: [exact(3), exact(1), exact(2)], unprotected: [] });
    expect(maskCounts([14, 9, 5], relations, 10).shown).toEqual([exact(14), small(10), small(10)]);
  });

  it('reports what the prescribed marks give away by themselves, and withholds nothing for it', () => {
    // Four `<5` parts of a `<5` total: each is 1. `<2` is always 1.
    const four = maskCounts([4, 1, 1, 1, 1, 9], [equateSums([1, 2, 3, 4], [0]), boundSum([0], [5])], 5);
    expect(four.shown).toEqual([small(), small(), small(), small(), small(), exact(9)]);
    expect(four.unprotected).toEqual([0, 1, 2, 3, 4]);
    expect(maskCounts([1, 0, 3], [], 2).unprotected).toEqual([0]);
  });

  it('intervals alone miss what only combining relations shows; the witness search does not', () => {
    // 6 = a + b and a = b: only 3 fits, but each bound alone still allows 2 … 4. So a hidden cell is
    // safe only with a witness (a whole other assignment); here there is none until the total goes.
    const relations = [equateSums([1, 2], [0]), equateSums([1], [2])];
    expect(inferIntervals([exact(6), small(), small()], relations, 5)).toEqual([
      { lo: 6, hi: 6 },
      { lo: 2, hi: 4 },
      { lo: 2, hi: 4 },
    ]);
    expect(maskCounts([6, 3, 3], relations, 5)).toEqual({ shown: [suppressed, small(), small()], unprotected: [] });
  });

  it('refuses values that are not counts and relations that do not hold', () => {
    expect(() => maskCounts([1.5], [], 5)).toThrow(RangeError);
    expect(() => maskCounts([3, 1], [equateSums([1], [0])], 5)).toThrow(RangeError);
    expect(() => maskCounts([3], [], 0)).toThrow(RangeError);
  });
});
