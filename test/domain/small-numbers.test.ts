// Small numbers in channel posts: the disclosure check's subtle cases one by one, the 2017 operation's
// digests, the thresholds 1 and 10, and a property: over random small digests, an exact reader
// (brute force over every value the hidden cells could take) pins no hidden count the check left.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AgencyRow, compareCodes, type Digest, type DigestFigures } from '../../src/domain/digest.js';
import {
  AGENCY_TABLE_ROWS,
  type AgencyColumn,
  boundSum,
  CHANNEL_LAST_24H,
  CHANNEL_TOTALS,
  cutRows,
  CHANNEL_LAYOUT,
  type ChannelLayout,
  equateSums,
  inferIntervals,
  type MaskedDigest,
  maskCounts,
  maskDigestForChannel,
  planChannelDigest,
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

  it('the post says less where the check cannot protect: locally, without the referrals column', () => {
    const plan = planChannelDigest(buildDigest(LOCAL), 5);
    expect(plan.leftOut).toBe('referralsColumn');
    expect(plan.masked.unprotected).toEqual([]);
    expect(plan.masked.totals).toMatchObject({ engaged: exact(13), accepted: exact(11), minors: small() });
    expect(plan.masked.totals.referrals.pending).toEqual(small());
    expect(plan.masked.byAgency.map((r) => r.agency)).toEqual(['APS', 'CKPS', 'LPS', 'OPP-ESSEX', 'WEFIGHT', 'WPS']);
    expect(plan.masked.byAgency.every((r) => r.referrals === undefined && r.engaged !== undefined)).toBe(true);
  });

  it('the post keeps the full table provincially, and needs no cut with hide_below=1', () => {
    expect(planChannelDigest(buildDigest(provincial()), 5).leftOut).toBe('nothing');
    expect(planChannelDigest(buildDigest(LOCAL), 1)).toMatchObject({ leftOut: 'nothing', masked: { hidden: false } });
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

// ---------------------------------------------------------------------------------------------
// The property: an exact reader of the masked message pins no hidden count the check did not report.

/** One count as the message shows it, and what it really is. */
interface ReaderCell {
  label: string;
  shown: Shown;
  truth: number;
}

/** Σ coef·cell (= | ≤) bound, over the reader's cells by label. */
interface ReaderRelation {
  terms: Array<[string, number]>;
  sense: 'eq' | 'le';
  bound: number;
}

/**
 * Everything a reader of the posted message knows, written from the message's side (independently
 * of the module's own list): the marks, and the relations between the figures it prints.
 */
function readMessage(digest: Digest, masked: MaskedDigest, layout: ChannelLayout): { cells: ReaderCell[]; relations: ReaderRelation[] } {
  const cells: ReaderCell[] = [];
  const relations: ReaderRelation[] = [];
  const cell = (label: string, shown: Shown, truth: number): void => {
    cells.push({ label, shown, truth });
  };
  const le = (smaller: string[], larger: Array<[string, number]>, bound = 0): void => {
    relations.push({ terms: [...smaller.map((l): [string, number] => [l, 1]), ...larger.map(([l, k]): [string, number] => [l, -k])], sense: 'le', bound });
  };
  const sumIs = (total: string[], parts: string[]): void => {
    relations.push({ terms: [...parts.map((l): [string, number] => [l, 1]), ...total.map((l): [string, number] => [l, -1])], sense: 'eq', bound: 0 });
  };

  for (const k of CHANNEL_TOTALS) cell(`t.${k}`, masked.totals[k], digest.totals[k]);
  for (const k of CHANNEL_LAST_24H) cell(`d.${k}`, masked.last24h[k], digest.last24h[k]);
  const states = Object.keys(masked.totals.referrals);
  const totalStates: Record<string, number> = digest.totals.referrals;
  const recentStates: Record<string, number> = digest.last24h.referrals;
  for (const s of states) {
    cell(`t.r.${s}`, masked.totals.referrals[s]!, totalStates[s]!);
    cell(`d.r.${s}`, masked.last24h.referrals[s]!, recentStates[s]!);
    le([`d.r.${s}`], [[`t.r.${s}`, 1]]);
  }
  for (const [part, whole] of [['accepted', 'engaged'], ['minors', 'engaged'], ['safetyEnsured', 'engaged'], ['chargedPeople', 'offences']]) {
    le([`t.${part}`], [[`t.${whole}`, 1]]);
    if (whole !== 'offences') le([`d.${part}`], [[`d.${whole}`, 1]]);
  }
  for (const k of CHANNEL_LAST_24H) le([`d.${k}`], [[`t.${k}`, 1]]);

  // The lists: a row's true figures found by its code; the order tells something only when it is by count.
  const byCount = layout.order === 'count';
  const columns: AgencyColumn[] = ['engaged', 'accepted', 'referrals', 'chargedPeople'];
  const rowOf = new Map(digest.byAgency.map((r) => [r.agency, r]));
  masked.byAgency.forEach((r, i) => {
    for (const c of columns) cell(`a${i}.${c}`, r[c]!, rowOf.get(r.agency)![c]);
    le([`a${i}.accepted`], [[`a${i}.engaged`, 1]]);
    if (byCount && i > 0) le([`a${i}.engaged`], [[`a${i - 1}.engaged`, 1]], r.agency < masked.byAgency[i - 1]!.agency ? -1 : 0);
  });
  const rowLabels = (c: AgencyColumn) => [...masked.byAgency.map((_, i) => `a${i}.${c}`), ...(masked.otherAgencies ? [`o.${c}`] : [])];
  if (masked.otherAgencies) {
    const restRows = digest.byAgency.slice(layout.agencyRows);
    for (const c of columns) cell(`o.${c}`, masked.otherAgencies[c]!, restRows.reduce((n, r) => n + r[c], 0));
    le(['o.accepted'], [['o.engaged', 1]]);
    // Every agency summed has engaged no more than any agency listed.
    for (const i of masked.byAgency.keys()) le(['o.engaged'], [[`a${i}.engaged`, masked.otherAgencies.agencies]]);
  }
  for (const c of ['engaged', 'accepted', 'chargedPeople'] as const) sumIs([`t.${c}`], rowLabels(c));
  sumIs(
    states.map((s) => `t.r.${s}`),
    rowLabels('referrals'),
  );

  const overdueOf = new Map(digest.overdue.map((o) => [o.agency, o.pending]));
  masked.overdue.forEach((o, i) => {
    cell(`w${i}`, o.pending, overdueOf.get(o.agency)!);
    if (byCount && i > 0) le([`w${i}`], [[`w${i - 1}`, 1]], o.agency < masked.overdue[i - 1]!.agency ? -1 : 0);
  });
  const overdueLabels = masked.overdue.map((_, i) => `w${i}`);
  if (masked.overdueRest) {
    const n = masked.overdueRest.agencies;
    cell('wr', masked.overdueRest.pending, digest.overdue.slice(layout.overdueRows).reduce((s, o) => s + o.pending, 0));
    for (const i of masked.overdue.keys()) le(['wr'], [[`w${i}`, n]]);
    relations.push({ terms: [['wr', -1]], sense: 'le', bound: -n });
    overdueLabels.push('wr');
  }
  if (overdueLabels.length > 0) le(overdueLabels, [['t.r.pending', 1]]);
  return { cells, relations };
}

/** Integer search: is there an assignment of the hidden cells, within their marks and `ceiling`, satisfying every relation? */
class ExactReader {
  private readonly index = new Map<string, number>();
  private readonly lo: number[];
  private readonly hi: number[];
  private readonly rows: Array<{ cells: number[]; coefs: number[]; sense: 'eq' | 'le'; bound: number }>;

  constructor(
    readonly cells: ReaderCell[],
    relations: ReaderRelation[],
    hideBelow: number,
    ceiling: number,
  ) {
    for (const [i, c] of cells.entries()) this.index.set(c.label, i);
    const range = (s: Shown): [number, number] =>
      s.kind === 'exact' ? [s.value, s.value] : s.kind === 'small' ? [1, s.below - 1] : [hideBelow, ceiling];
    this.lo = cells.map((c) => range(c.shown)[0]);
    this.hi = cells.map((c) => range(c.shown)[1]);
    this.rows = relations.map((r) => ({
      cells: r.terms.map(([l]) => this.index.get(l)!),
      coefs: r.terms.map(([, k]) => k),
      sense: r.sense,
      bound: r.bound,
    }));
  }

  /** Every relation, and every cell's mark (within the ceiling), true of the true values. */
  holdsForTruth(): boolean {
    const truth = this.cells.map((c) => c.truth);
    return truth.every((v, i) => this.lo[i]! <= v && v <= this.hi[i]!) && this.rows.every((r) => this.fits(r, r.cells.map((c) => truth[c]!)));
  }

  /** A whole assignment the message allows in which `label` is not its true value, if there is one. */
  alternativeFor(label: string): number[] | undefined {
    const x = this.index.get(label)!;
    const truth = this.cells[x]!.truth;
    for (const [from, to] of [
      [this.lo[x]!, truth - 1],
      [truth + 1, this.hi[x]!],
    ]) {
      if (from! > to!) continue;
      const lo = [...this.lo];
      const hi = [...this.hi];
      lo[x] = from!;
      hi[x] = to!;
      const found = this.solve(lo, hi);
      if (found) return found;
    }
    return undefined;
  }

  private fits(r: ExactReader['rows'][number], values: number[]): boolean {
    const sum = r.coefs.reduce((n, k, i) => n + k * values[i]!, 0);
    return r.sense === 'eq' ? sum === r.bound : sum <= r.bound;
  }

  /** Depth-first over the narrowest domain, the domains narrowed through every row at each node. */
  private solve(lo: number[], hi: number[]): number[] | undefined {
    if (!this.narrow(lo, hi)) return undefined;
    let pick = -1;
    for (let i = 0; i < lo.length; i++) if (lo[i]! < hi[i]! && (pick < 0 || hi[i]! - lo[i]! < hi[pick]! - lo[pick]!)) pick = i;
    if (pick < 0) return this.rows.every((r) => this.fits(r, r.cells.map((c) => lo[c]!))) ? lo : undefined;
    for (let v = lo[pick]!; v <= hi[pick]!; v++) {
      const l = [...lo];
      const h = [...hi];
      l[pick] = v;
      h[pick] = v;
      const found = this.solve(l, h);
      if (found) return found;
    }
    return undefined;
  }

  /** Each row bounds each of its cells by the others' extremes, until nothing moves; false if a domain empties. */
  private narrow(lo: number[], hi: number[]): boolean {
    for (let moved = true; moved; ) {
      moved = false;
      for (const r of this.rows) {
        for (const sign of r.sense === 'eq' ? [1, -1] : [1]) {
          const ks = r.coefs.map((k) => sign * k);
          const mins = r.cells.map((c, i) => (ks[i]! > 0 ? ks[i]! * lo[c]! : ks[i]! * hi[c]!));
          const least = mins.reduce((n, m) => n + m, 0);
          const bound = sign * r.bound;
          if (least > bound) return false;
          r.cells.forEach((c, i) => {
            const k = ks[i]!;
            const slack = bound - (least - mins[i]!);
            if (k > 0 && Math.floor(slack / k) < hi[c]!) {
              hi[c] = Math.floor(slack / k);
              moved = true;
            } else if (k < 0 && Math.ceil(slack / k) > lo[c]!) {
              lo[c] = Math.ceil(slack / k);
              moved = true;
            }
          });
          if (r.cells.some((c) => lo[c]! > hi[c]!)) return false;
        }
      }
    }
    return true;
  }
}

const CODES = ['APS', 'CKPS', 'LPS', 'OPP', 'WPS'];

/** Splits n into `parts` non-negative counts. */
const splitArb = (n: number, parts: number) =>
  fc.array(fc.integer({ min: 0, max: n }), { minLength: parts - 1, maxLength: parts - 1 }).map((cuts) => {
    const edges = [0, ...cuts.sort((a, b) => a - b), n];
    return edges.slice(1).map((e, i) => e - edges[i]!);
  });

const upTo = (n: number) => fc.integer({ min: 0, max: n });

/** A small consistent digest: two to four agencies, counts 0 … 12, lists cut short enough to sum rows, either order. */
const digestArb: fc.Arbitrary<{ digest: Digest; layout: ChannelLayout; hideBelow: number }> = fc
  .record({
    codes: fc.shuffledSubarray(CODES, { minLength: 2, maxLength: 4 }),
    hideBelow: fc.integer({ min: 2, max: 6 }),
    layout: fc.record({
      agencyRows: fc.integer({ min: 1, max: 4 }),
      overdueRows: fc.integer({ min: 1, max: 3 }),
      order: fc.constantFrom('count' as const, 'code' as const),
    }),
  })
  .chain(({ codes, hideBelow, layout }) =>
    fc
      .tuple(
        ...codes.map((agency) =>
          fc.integer({ min: 0, max: 12 }).chain((engaged) =>
            fc.record({
              agency: fc.constant(agency),
              engaged: fc.constant(engaged),
              accepted: upTo(engaged),
              referrals: upTo(6),
              chargedPeople: upTo(4),
              extraOffences: upTo(4),
            }),
          ),
        ),
      )
      .chain((specs) => {
        const rows = specs.map(({ extraOffences, ...r }) => ({ ...r, offences: r.chargedPeople + extraOffences }));
        const engaged = rows.reduce((n, r) => n + r.engaged, 0);
        const accepted = rows.reduce((n, r) => n + r.accepted, 0);
        const charged = rows.reduce((n, r) => n + r.chargedPeople, 0);
        const referrals = rows.reduce((n, r) => n + r.referrals, 0);
        return fc
          .record({
            minors: upTo(engaged),
            safetyEnsured: upTo(engaged),
            states: splitArb(referrals, 5),
            recent: fc.record({ engaged: upTo(engaged), accepted: upTo(accepted), charged: upTo(charged) }),
          })
          .chain(({ minors, safetyEnsured, states, recent }) => {
            const [pending = 0, acceptedRefs = 0, declined = 0, closed = 0, withdrawn = 0] = states;
            return fc
              .record({
                recentMinors: upTo(Math.min(minors, recent.engaged)),
                recentSafety: upTo(Math.min(safetyEnsured, recent.engaged)),
                recentStates: fc.tuple(...states.map((n) => upTo(n))),
                overdue: fc.subarray(CODES).chain((receivers) =>
                  splitArb(pending, receivers.length + 1).map((shares) =>
                    receivers.map((agency, i) => ({ agency, pending: shares[i]! })).filter((o) => o.pending > 0),
                  ),
                ),
              })
              .map(({ recentMinors, recentSafety, recentStates, overdue }) => {
                const [rp = 0, ra = 0, rd = 0, rc = 0, rw = 0] = recentStates;
                const spec: DigestSpec = {
                  rows,
                  minors,
                  safetyEnsured,
                  states: { pending, accepted: acceptedRefs, declined, closed, withdrawn },
                  last24h: {
                    engaged: recent.engaged,
                    offered: recent.engaged,
                    accepted: Math.min(recent.accepted, recent.engaged),
                    minors: recentMinors,
                    safetyEnsured: recentSafety,
                    chargedPeople: recent.charged,
                    offences: recent.charged,
                  },
                  last24hStates: { pending: rp, accepted: ra, declined: rd, closed: rc, withdrawn: rw },
                  overdue,
                };
                return { digest: buildDigest(spec), layout, hideBelow };
              });
          });
      }),
  );

describe('the property: what the masked message pins, the check reported', () => {
  it('over random small digests, every hidden count keeps two possible values unless reported unprotected', () => {
    fc.assert(
      fc.property(digestArb, ({ digest, layout, hideBelow }) => {
        const masked = maskDigestForChannel(digest, hideBelow, layout);
        const { cells, relations } = readMessage(digest, masked, layout);
        const ceiling = Math.max(hideBelow, ...cells.map((c) => c.truth)) + 6;
        const reader = new ExactReader(cells, relations, hideBelow, ceiling);
        expect(reader.holdsForTruth()).toBe(true);
        // The marks say what they claim: 0 and ≥ T exactly, 1 … T−1 as `<T`, withheld only from ≥ T.
        for (const c of cells) {
          const rightMark = c.truth > 0 && c.truth < hideBelow ? 'small' : c.shown.kind === 'suppressed' ? 'suppressed' : 'exact';
          expect(c.shown.kind, c.label).toBe(rightMark);
          if (c.shown.kind === 'exact') expect(c.shown.value, c.label).toBe(c.truth);
          if (c.shown.kind === 'suppressed') expect(c.truth, c.label).toBeGreaterThanOrEqual(hideBelow);
        }
        const unprotected = new Set(masked.unprotected);
        const labelOf = labelsOf(masked);
        // A witness for one cell is one for every cell it moves.
        const movable = new Set<number>();
        cells.forEach((c, i) => {
          if (c.shown.kind === 'exact') return;
          const label = labelOf(c.label);
          if (!movable.has(i)) {
            const witness = reader.alternativeFor(c.label);
            witness?.forEach((v, j) => {
              if (v !== cells[j]!.truth) movable.add(j);
            });
          }
          if (unprotected.has(label)) expect(movable.has(i), `${label} reported unprotected`).toBe(false);
          else expect(movable.has(i), `${label} is pinned to ${c.truth}`).toBe(true);
        });
      }),
      { seed: 20171013, numRuns: 200 },
    );
  });
});

/** The reader's short labels (`a0.engaged`) in the module's terms (`byAgency.WPS.engaged`). */
function labelsOf(masked: MaskedDigest): (label: string) => string {
  return (label) => {
    const [head = '', ...tail] = label.split('.');
    const rest = tail.join('.').replace(/^r\./, 'referrals.');
    if (head === 't') return `totals.${rest}`;
    if (head === 'd') return `last24h.${rest}`;
    if (head === 'o') return `otherAgencies.${rest}`;
    if (head === 'wr') return 'overdueRest';
    if (head.startsWith('a')) return `byAgency.${masked.byAgency[Number(head.slice(1))]!.agency}.${rest}`;
    return `overdue.${masked.overdue[Number(head.slice(1))]!.agency}`;
  };
}
