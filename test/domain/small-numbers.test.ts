// Small numbers in channel posts: the disclosure check's subtle cases one by one, the 2017 operation's
// digests, and the thresholds 1 and 10.
import { describe, expect, it } from 'vitest';
import { type AgencyRow, compareCodes, type Digest, type DigestFigures } from '../../src/domain/digest.js';
import {
  AGENCY_TABLE_ROWS,
  boundSum,
  cutRows,
  CHANNEL_LAYOUT,
  equateSums,
  inferIntervals,
  maskCounts,
  maskDigestForChannel,
  type Shown,
  showCount,
} from '../../src/domain/small-numbers.js';

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

// ---------------------------------------------------------------------------------------------
// Digests.

type States = Record<'pending' | 'accepted' | 'declined' | 'closed' | 'withdrawn', number>;
type Counts = Omit<DigestFigures, 'referrals'>;

interface DigestSpec {
  rows: Array<Pick<AgencyRow, 'agency' | 'engaged' | 'accepted' | 'referrals' | 'chargedPeople' | 'offences'>>;
  minors: number;
  safetyEnsured: number;
  states: States;
  last24h: Counts;
  last24hStates: States;
  overdue: Array<{ agency: string; pending: number }>;
}


/** A digest as computeDigest would return it: totals summed from the rows, both lists sorted. */
function buildDigest(spec: DigestSpec): Digest {
  const sum = (k: 'engaged' | 'accepted' | 'chargedPeople' | 'offences') => spec.rows.reduce((n, r) => n + r[k], 0);
  const engaged = sum('engaged');
  const byAgency = spec.rows
    .map((r, i) => ({ agencyId: i + 1, name: r.agency, ...r }))
    .sort((a, b) => b.engaged - a.engaged || compareCodes(a.agency, b.agency));
  return {
    operation: { id: 1, code: 'OP', name: 'Operation', timezone: 'America/Toronto', startDate: '2017-10-09', endDate: '2017-10-15' },
    operationCodes: ['OP'],
    agencies: spec.rows.length,
    policeAgencies: spec.rows.length,
    personnel: 3 * spec.rows.length,
    totals: {
      engaged,
      offered: engaged,
      accepted: sum('accepted'),
      minors: spec.minors,
      safetyEnsured: spec.safetyEnsured,
      referrals: { ...spec.states },
      chargedPeople: sum('chargedPeople'),
      offences: sum('offences'),
    },
    last24h: { ...spec.last24h, referrals: { ...spec.last24hStates } },
    byAgency,
    overdue: [...spec.overdue].sort((a, b) => b.pending - a.pending || compareCodes(a.agency, b.agency)),
  };
}

const noStates: States = { pending: 0, accepted: 0, declined: 0, closed: 0, withdrawn: 0 };
const quiet: Counts = { engaged: 0, offered: 0, accepted: 0, minors: 0, safetyEnsured: 0, chargedPeople: 0, offences: 0 };
const row = (agency: string, engaged: number, accepted: number, referrals = 0, chargedPeople = 0, offences = 0) => ({
  agency,
  engaged,
  accepted,
  referrals,
  chargedPeople,
  offences,
});

/**
 * Windsor-Essex & Chatham-Kent, Oct 10–13, as the 2017 replay logs it: 13 engagements dealt round
 * the five police services (the last two declined), the first four referred to WEFiGHT, one person
 * under 18, WPS charging three people with two offences each.
 */
const LOCAL: DigestSpec = {
  rows: [
    row('WPS', 3, 3, 1, 3, 6),
    row('CKPS', 3, 2, 1),
    row('OPP-ESSEX', 3, 2, 1),
    row('APS', 2, 2, 1),
    row('LPS', 2, 2),
    row('WEFIGHT', 0, 0),
  ],
  minors: 1,
  safetyEnsured: 9,
  states: { ...noStates, pending: 4 },
  last24h: { ...quiet, engaged: 4, offered: 4, accepted: 4, minors: 1, safetyEnsured: 3 },
  last24hStates: { ...noStates, pending: 4 },
  overdue: [{ agency: 'WEFIGHT', pending: 2 }],
};

/** Ontario, seven days: 46 police services, 198 engaged, 12 people charged with 21 offences. */
function provincial(): DigestSpec {
  const others = Array.from({ length: 40 }, (_, i) => `ONPS${String(i + 1).padStart(2, '0')}`);
  const rows = others.map((agency, i) => {
    // 185 engagements dealt round the 40 services (the first 25 get 5), a third of them declined;
    // ONPS04 … ONPS12 charged one person each, the first six with two offences.
    const engaged = i < 25 ? 5 : 4;
    const charged = i >= 3 && i < 12 ? 1 : 0;
    return row(agency, engaged, engaged - (i % 3 === 0 ? 2 : 1), 0, charged, charged ? (i < 9 ? 2 : 1) : 0);
  });
  return {
    ...LOCAL,
    rows: [...LOCAL.rows, row('OPP', 0, 0), ...rows],
    minors: 2,
    safetyEnsured: 150,
    last24h: { ...quiet, engaged: 40, offered: 40, accepted: 30, minors: 1, safetyEnsured: 30, chargedPeople: 4, offences: 6 },
  };
}

describe('the posted digest', () => {
  it('locally: the one person under 18 as <5; 11 accepted shown; the table\'s order costs the 13 engaged', () => {
    const masked = maskDigestForChannel(buildDigest(LOCAL), 5);
    expect(masked.totals.minors).toEqual(small());
    expect(masked.last24h.minors).toEqual(small());
    expect(masked.totals.accepted).toEqual(exact(11));
    expect(masked.totals.chargedPeople).toEqual(small());
    expect(masked.totals.offences).toEqual(exact(6));
    expect(masked.totals.referrals).toEqual({ pending: small(), accepted: exact(0), declined: exact(0), closed: exact(0), withdrawn: exact(0) });
    // Printed most first, then by code: CKPS ≥ OPP-ESSEX ≥ WPS > APS ≥ LPS ≥ 1 (a tie would have put
    // APS before WPS), five rows of 1 … 4 adding up to 13: WPS can only be 3. Only the total can go.
    expect(masked.byAgency.map((r) => r.agency)).toEqual(['CKPS', 'OPP-ESSEX', 'WPS', 'APS', 'LPS', 'WEFIGHT']);
    expect(masked.byAgency.map((r) => r.engaged)).toEqual([small(), small(), small(), small(), small(), exact(0)]);
    expect(masked.totals.engaged).toEqual(suppressed);
    expect(masked.otherAgencies).toBeNull();
    expect(masked.overdue).toEqual([{ agency: 'WEFIGHT', pending: small() }]);
    expect(masked.hidden).toBe(true);
    // Four referrals, one from each of four services, none yet past pending: a `<5` pending beside
    // four `<5` rows (and 0 in every other state) says each service referred exactly one. No count
    // left to withhold changes that; the check says so and the message must say less.
    expect(masked.unprotected).toEqual([
      'totals.referrals.pending',
      'byAgency.CKPS.referrals',
      'byAgency.OPP-ESSEX.referrals',
      'byAgency.WPS.referrals',
      'byAgency.APS.referrals',
    ]);
  });

  it('locally, the table printed by code: 13 engaged and 11 accepted shown', () => {
    const masked = maskDigestForChannel(buildDigest(LOCAL), 5, { ...CHANNEL_LAYOUT, order: 'code' });
    expect(masked.totals.engaged).toEqual(exact(13));
    expect(masked.totals.accepted).toEqual(exact(11));
    expect(masked.totals.minors).toEqual(small());
    expect(masked.byAgency.map((r) => r.agency)).toEqual(['APS', 'CKPS', 'LPS', 'OPP-ESSEX', 'WEFIGHT', 'WPS']);
    expect(masked.unprotected).toHaveLength(5);
  });

  it('provincially: 198 engaged, 12 charged and 21 offences shown; the 32 agencies after the top 15 on one line', () => {
    const digest = buildDigest(provincial());
    expect(digest.totals).toMatchObject({ engaged: 198, chargedPeople: 12, offences: 21 });
    const masked = maskDigestForChannel(digest, 5);
    expect(masked.totals.engaged).toEqual(exact(198));
    expect(masked.totals.chargedPeople).toEqual(exact(12));
    expect(masked.totals.offences).toEqual(exact(21));
    expect(masked.totals.minors).toEqual(small());
    expect(masked.byAgency).toHaveLength(15);
    expect(masked.otherAgencies?.agencies).toBe(32);
    expect(masked.unprotected).toEqual([]);
  });

  it('the "others" line is the blocks\' cut: the rows after the top ones, summed', () => {
    const digest = buildDigest(provincial());
    const { rest } = cutRows(digest.byAgency, AGENCY_TABLE_ROWS);
    const masked = maskDigestForChannel(digest, 1);
    expect(masked.otherAgencies).toMatchObject({
      agencies: rest.length,
      engaged: exact(rest.reduce((n, r) => n + r.engaged, 0)),
      chargedPeople: exact(rest.reduce((n, r) => n + r.chargedPeople, 0)),
    });
  });

  it('hide_below=1 shows everything exactly', () => {
    const masked = maskDigestForChannel(buildDigest(LOCAL), 1);
    expect(masked.hidden).toBe(false);
    expect(masked.totals.minors).toEqual(exact(1));
    expect(masked.byAgency.map((r) => r.engaged)).toEqual([3, 3, 3, 2, 2, 0].map(exact));
  });

  it('hide_below=10: 13 and 11 still shown, every row below 10 as <10, nothing pinned', () => {
    const masked = maskDigestForChannel(buildDigest(LOCAL), 10);
    expect(masked.totals.engaged).toEqual(exact(13));
    expect(masked.totals.accepted).toEqual(exact(11));
    expect(masked.totals.offences).toEqual(small(10));
    expect(masked.byAgency.map((r) => r.engaged)).toEqual([small(10), small(10), small(10), small(10), small(10), exact(0)]);
    expect(masked.unprotected).toEqual([]);
  });

  it('says when the marks alone give a count away', () => {
    // Four agencies engaged one person each: four `<5` rows under a `<5` total are 1 each.
    const spec: DigestSpec = {
      ...LOCAL,
      rows: ['A', 'B', 'C', 'D'].map((a) => row(a, 1, 0)),
      minors: 0,
      safetyEnsured: 0,
      states: noStates,
      last24h: quiet,
      last24hStates: noStates,
      overdue: [],
    };
    expect(maskDigestForChannel(buildDigest(spec), 5).unprotected).toEqual([
      'totals.engaged',
      'byAgency.A.engaged',
      'byAgency.B.engaged',
      'byAgency.C.engaged',
      'byAgency.D.engaged',
    ]);
  });
});
