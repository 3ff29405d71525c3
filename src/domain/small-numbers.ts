// Small numbers: which counts a channel post shows exactly, which as `<T`, and which it must withhold
// so that no hidden count can be worked out from what the same message shows. A general disclosure
// check over cells and linear relations, and the digest's cells and relations on top of it.
// Pure: no I/O, no Slack, no words; the caller renders the marks.
import { type AgencyRow, compareCodes, type Digest } from './digest.js';

// ---------------------------------------------------------------------------------------------
// What a reader sees of one count.

/**
 * How one count is shown in a channel. `small`: a value in [1, below − 1], written `<below`.
 * `suppressed`: withheld to protect a small one; only counts ≥ the threshold are ever withheld, so
 * the mark tells the reader "≥ threshold" and the check reasons with exactly that.
 */
export type Shown = { kind: 'exact'; value: number } | { kind: 'small'; below: number } | { kind: 'suppressed' };

const SUPPRESSED: Shown = { kind: 'suppressed' };

/** The contract's first rule alone: 0 as 0, 1 … T−1 as `<T`, the rest exact. */
export function showCount(value: number, hideBelow: number): Shown {
  return value > 0 && value < hideBelow ? { kind: 'small', below: hideBelow } : { kind: 'exact', value };
}

/** True when a channel post would not print this count as it is. */
export function isHidden(shown: Shown): boolean {
  return shown.kind !== 'exact';
}

// ---------------------------------------------------------------------------------------------
// Relations a reader can use: linear, over non-negative integer cells.

/** A cell (its index) and its integer coefficient. */
export type Term = readonly [cell: number, times: number];

/** Σ times·cell = bound, or ≤ bound. */
export interface LinearRelation {
  readonly terms: readonly Term[];
  readonly sense: 'eq' | 'le';
  readonly bound: number;
}

/** What a reader can know of a cell: lo ≤ value ≤ hi (hi may be Infinity). */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

type TermLike = number | Term;

/** Σ left = Σ right. */
export function equateSums(left: readonly TermLike[], right: readonly TermLike[]): LinearRelation {
  return { terms: combineTerms(left, right), sense: 'eq', bound: 0 };
}

/** Σ left ≤ Σ right + slack (a slack of −1 makes it strict). */
export function boundSum(left: readonly TermLike[], right: readonly TermLike[], slack = 0): LinearRelation {
  return { terms: combineTerms(left, right), sense: 'le', bound: slack };
}

/** left − right as one list of terms, a cell named on both sides counted once. */
function combineTerms(left: readonly TermLike[], right: readonly TermLike[]): Term[] {
  const times = new Map<number, number>();
  const add = (t: TermLike, sign: number) => {
    const [cell, k] = typeof t === 'number' ? [t, 1] : t;
    times.set(cell, (times.get(cell) ?? 0) + sign * k);
  };
  for (const t of left) add(t, 1);
  for (const t of right) add(t, -1);
  return [...times].filter(([, k]) => k !== 0);
}

/** Whether the true values satisfy a relation. */
export function holdsFor(values: readonly number[], relation: LinearRelation): boolean {
  let sum = 0;
  for (const [cell, k] of relation.terms) sum += k * (values[cell] ?? Number.NaN);
  return relation.sense === 'eq' ? sum === relation.bound : sum <= relation.bound;
}

// ---------------------------------------------------------------------------------------------
// The reader's side: intervals from the marks, tightened through the relations to a fixpoint.

/** One `Σ coefs·cells ≤ bound` row; an equality becomes two. */
interface Row {
  cells: number[];
  coefs: number[];
  bound: number;
}

function toRows(relations: readonly LinearRelation[]): Row[] {
  const rows: Row[] = [];
  for (const r of relations) {
    const cells = r.terms.map(([c]) => c);
    const coefs = r.terms.map(([, k]) => k);
    rows.push({ cells, coefs, bound: r.bound });
    if (r.sense === 'eq') rows.push({ cells, coefs: coefs.map((k) => -k), bound: -r.bound });
  }
  return rows;
}

/**
 * Propagation stops after this many row visits. Bounds only ever tighten by whole units, so a
 * feasible system converges long before; the cap only keeps a contradictory one (which can creep
 * upwards forever) from hanging. Stopping early leaves intervals that are still sound, only wider.
 */
const MAX_ROW_VISITS = 200_000;

/** The reader's start: what each mark alone says. */
function initialIntervals(shown: readonly Shown[], hideBelow: number): { lo: number[]; hi: number[] } {
  const lo: number[] = [];
  const hi: number[] = [];
  for (const s of shown) {
    if (s.kind === 'exact') {
      lo.push(s.value);
      hi.push(s.value);
    } else if (s.kind === 'small') {
      lo.push(1);
      hi.push(s.below - 1);
    } else {
      lo.push(hideBelow);
      hi.push(Number.POSITIVE_INFINITY);
    }
  }
  return { lo, hi };
}

/**
 * What a reader can work out of every cell from the marks and the relations: bounds consistency
 * (each row tightens each of its cells from the others' bounds) until nothing changes. Sound (every
 * value consistent with the message stays inside its interval) but not complete: a + b = 6 with
 * a = b leaves both at 2 … 4, though only 3 fits. So maskCounts trusts only witnesses (below).
 * `undefined` when the marks contradict the relations.
 */
export function inferIntervals(
  shown: readonly Shown[],
  relations: readonly LinearRelation[],
  hideBelow: number,
): Interval[] | undefined {
  const { lo, hi } = initialIntervals(shown, hideBelow);
  const rows = toRows(relations);
  return propagate(lo, hi, rows, rowsByCell(rows, shown.length)) ? lo.map((l, i) => ({ lo: l, hi: hi[i]! })) : undefined;
}

function rowsByCell(rows: readonly Row[], cells: number): number[][] {
  const byCell: number[][] = Array.from({ length: cells }, () => []);
  rows.forEach((row, r) => {
    for (const c of row.cells) byCell[c]?.push(r);
  });
  return byCell;
}

/**
 * Tightens lo/hi in place; false when some interval empties (the marks contradict the relations).
 * `start`: the rows to look at first (default all); when only some cells moved since the last
 * fixpoint, their rows are enough.
 */
function propagate(lo: number[], hi: number[], rows: readonly Row[], byCell: readonly number[][], start?: readonly number[]): boolean {
  const queue = start ? [...start] : rows.map((_, r) => r);
  const queued = rows.map(() => false);
  for (const r of queue) queued[r] = true;
  for (let head = 0; head < queue.length; head++) {
    if (head >= MAX_ROW_VISITS) return true;
    const r = queue[head]!;
    queued[r] = false;
    const changed = tightenRow(rows[r]!, lo, hi);
    if (changed === undefined) return false;
    for (const c of changed) {
      for (const next of byCell[c] ?? []) {
        if (!queued[next]) {
          queued[next] = true;
          queue.push(next);
        }
      }
    }
  }
  return true;
}

/** One row's bounds on each of its cells; the cells it tightened, or undefined if infeasible. */
function tightenRow(row: Row, lo: number[], hi: number[]): number[] | undefined {
  // The row's smallest possible left side, keeping unbounded terms apart (∞ − ∞ has no value).
  const mins = row.cells.map((c, i) => {
    const k = row.coefs[i]!;
    return k > 0 ? k * lo[c]! : k * hi[c]!;
  });
  let finite = 0;
  let unbounded = 0;
  let unboundedAt = -1;
  mins.forEach((m, i) => {
    if (m === Number.NEGATIVE_INFINITY) {
      unbounded += 1;
      unboundedAt = i;
    } else finite += m;
  });
  if (unbounded === 0 && finite > row.bound) return undefined;
  const changed: number[] = [];
  for (let i = 0; i < row.cells.length; i++) {
    let rest: number;
    if (unbounded === 0) rest = finite - mins[i]!;
    else if (unbounded === 1 && unboundedAt === i) rest = finite;
    else continue;
    const c = row.cells[i]!;
    const k = row.coefs[i]!;
    const slack = row.bound - rest;
    if (k > 0) {
      const top = Math.floor(slack / k);
      if (top < hi[c]!) {
        hi[c] = top;
        changed.push(c);
      }
    } else {
      const bottom = Math.ceil(slack / k);
      if (bottom > lo[c]!) {
        lo[c] = bottom;
        changed.push(c);
      }
    }
    if (lo[c]! > hi[c]!) return undefined;
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------
// The writer's side: which cells to withhold.

export interface CountMask {
  /** One mark per cell, in the cells' order. */
  shown: Shown[];
  /**
   * Hidden cells for which the check could not prove a second possible value. Almost always these
   * are pinned by the marks the contract prescribes, whatever else is withheld (`<2` is 1; four `<5`
   * rows under a `<5` total are 1 each), so withholding exact counts cannot help; rarely, the search
   * ran out of its budget. The caller decides (usually: say less).
   */
  unprotected: number[];
}

/** Nodes one search for a second value may visit before it gives up (and the cell counts as unprotected). */
const SEARCH_NODES = 2_000;
/** Values of one cell a search tries at one node, nearest the true value first. */
const SEARCH_VALUES = 24;

/**
 * Whether a reader could take a cell for another value than its own. `alternative` carries the
 * witness: a whole assignment that fits every mark and relation, in which the cell (and maybe
 * others) differs from its true value.
 */
type Verdict = { kind: 'alternative'; witness: number[] } | { kind: 'pinned' } | { kind: 'unknown' };

/** The reader's model of one set of cells and relations, and searches in it. */
class Reader {
  private readonly rows: Row[];
  private readonly byCell: number[][];

  constructor(
    private readonly values: readonly number[],
    private readonly relations: readonly LinearRelation[],
    private readonly hideBelow: number,
  ) {
    this.rows = toRows(relations);
    this.byCell = rowsByCell(this.rows, values.length);
  }

  /**
   * Whether a reader shown `marks` could take `cell` for another value than its own: a witness
   * proves it; 'pinned' when the search rules every other value out; 'unknown' when it ran out of
   * budget. Interval propagation alone misses pins that only combining relations shows (a sorted
   * table's rows under a small total), so only a witness makes a cell safe.
   */
  judge(marks: readonly Shown[], cell: number): Verdict {
    const { lo, hi } = initialIntervals(marks, this.hideBelow);
    if (!propagate(lo, hi, this.rows, this.byCell)) throw new RangeError('maskCounts: the marks contradict the relations');
    const own = this.values[cell]!;
    const budget = { nodes: SEARCH_NODES };
    let unknown = false;
    for (const [from, to] of [
      [lo[cell]!, own - 1],
      [own + 1, hi[cell]!],
    ] as const) {
      if (from > to) continue;
      const l = [...lo];
      const h = [...hi];
      l[cell] = from;
      h[cell] = to;
      const found = this.search(l, h, this.byCell[cell]!, budget);
      if (found) return { kind: 'alternative', witness: found };
      if (found === undefined) unknown = true;
    }
    return unknown ? { kind: 'unknown' } : { kind: 'pinned' };
  }

  /**
   * Depth-first, propagating at every node from the rows of the cell just fixed: a witness, false
   * when there is none, undefined when the budget or the value cap cut the search short.
   */
  private search(lo: number[], hi: number[], moved: readonly number[], budget: { nodes: number }): number[] | false | undefined {
    if (--budget.nodes < 0) return undefined;
    if (!propagate(lo, hi, this.rows, this.byCell, moved)) return false;
    const pick = this.pickOpenCell(lo, hi);
    if (pick < 0) return this.relations.every((r) => holdsFor(lo, r)) ? lo : false;
    const tries = valuesNear(this.values[pick]!, lo[pick]!, hi[pick]!);
    let cut = tries.length < hi[pick]! - lo[pick]! + 1;
    for (const v of tries) {
      const l = [...lo];
      const h = [...hi];
      l[pick] = v;
      h[pick] = v;
      const found = this.search(l, h, this.byCell[pick]!, budget);
      if (found) return found;
      if (found === undefined) cut = true;
      if (budget.nodes < 0) return undefined;
    }
    return cut ? undefined : false;
  }

  /** The open cell with the narrowest domain (bounded before unbounded), the lower index on a tie. */
  private pickOpenCell(lo: readonly number[], hi: readonly number[]): number {
    let pick = -1;
    for (let i = 0; i < lo.length; i++) {
      if (lo[i]! < hi[i]! && (pick < 0 || hi[i]! - lo[i]! < hi[pick]! - lo[pick]!)) pick = i;
    }
    return pick;
  }
}

/**
 * Judges every hidden cell under `marks` that is neither known safe nor to be `skipped`: adds to
 * `safe` each cell some witness moves (one witness often frees several), and returns the verdicts
 * of the rest, in order. `stopAtFirst`: return as soon as one cell has no witness.
 */
function judgeHidden(
  reader: Reader,
  marks: readonly Shown[],
  values: readonly number[],
  safe: Set<number>,
  skipped: ReadonlySet<number>,
  stopAtFirst: boolean,
): Map<number, Verdict['kind']> {
  const open = new Map<number, Verdict['kind']>();
  for (let i = 0; i < marks.length; i++) {
    if (marks[i]!.kind === 'exact' || safe.has(i) || skipped.has(i)) continue;
    const verdict = reader.judge(marks, i);
    if (verdict.kind === 'alternative') {
      verdict.witness.forEach((v, j) => {
        if (v !== values[j]) safe.add(j);
      });
      continue;
    }
    open.set(i, verdict.kind);
    if (stopAtFirst) break;
  }
  return open;
}

/** Up to SEARCH_VALUES values of [lo, hi], the one nearest `own` first, then outwards. */
function valuesNear(own: number, lo: number, hi: number): number[] {
  const start = Math.min(Math.max(own, lo), hi);
  const out = [start];
  for (let d = 1; out.length < SEARCH_VALUES && (start - d >= lo || start + d <= hi); d++) {
    if (start + d <= hi) out.push(start + d);
    if (start - d >= lo && out.length < SEARCH_VALUES) out.push(start - d);
  }
  return out;
}

/**
 * Marks every cell for a channel: 0 as 0, 1 … T−1 as `<T`, and, while some hidden cell has no proven
 * second value, one more exact non-zero cell withheld: the smallest in the relations nearest the
 * exposed cell (ties: the lower index), so the choice is deterministic. Every hidden cell not in
 * `unprotected` has a witness: a whole assignment, consistent with every mark and relation, in which
 * it differs from its true value.
 * Throws RangeError when a value is not a count, or when a relation does not hold for the values
 * (the reader's model would then be wrong, and the check with it).
 */
export function maskCounts(values: readonly number[], relations: readonly LinearRelation[], hideBelow: number): CountMask {
  if (!Number.isInteger(hideBelow) || hideBelow < 1) throw new RangeError(`maskCounts: hide_below must be a whole number ≥ 1, not ${hideBelow}`);
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`maskCounts: cell ${i} is not a count (${v})`);
  });
  relations.forEach((r, i) => {
    if (r.terms.some(([c]) => c < 0 || c >= values.length)) throw new RangeError(`maskCounts: relation ${i} names a cell that does not exist`);
    if (!holdsFor(values, r)) throw new RangeError(`maskCounts: relation ${i} does not hold for the values`);
  });
  const shown = values.map((v) => showCount(v, hideBelow));
  if (hideBelow === 1) return { shown, unprotected: [] };

  const reader = new Reader(values, relations, hideBelow);
  const relationsOf = cellRelations(relations, values.length);

  // The most the mask could ever withhold: every exact non-zero count. A cell pinned even then is
  // pinned by the prescribed marks alone, and withholding more frees nothing through it: a witness
  // under fewer withheld cells is a witness under more, so what has none at the widest has none at all.
  const widest = shown.map((s) => (s.kind === 'exact' && s.value > 0 ? SUPPRESSED : s));
  const pinnedAnyway = new Set<number>();
  for (const [cell, verdict] of judgeHidden(reader, widest, values, new Set(), new Set(), false)) if (verdict === 'pinned') pinnedAnyway.add(cell);

  // A witness stays a witness as more is withheld, so a cell once safe is safe for good.
  const safe = new Set<number>();
  const given = new Set([...pinnedAnyway]);
  for (;;) {
    const [target] = [...judgeHidden(reader, shown, values, safe, given, true).keys()];
    if (target === undefined) break;
    const cell = pickCellToWithhold(target, values, shown, pinnedAnyway, relations, relationsOf);
    // None left near the target: nothing more to withhold for it (it ends up unprotected).
    if (cell === undefined) given.add(target);
    else shown[cell] = SUPPRESSED;
  }
  return { shown, unprotected: shown.flatMap((s, i) => (s.kind !== 'exact' && given.has(i) ? [i] : [])) };
}

function cellRelations(relations: readonly LinearRelation[], cells: number): number[][] {
  const byCell: number[][] = Array.from({ length: cells }, () => []);
  relations.forEach((r, i) => {
    for (const [c] of r.terms) byCell[c]?.push(i);
  });
  return byCell;
}

/**
 * The exact non-zero cell to withhold next for `target`: the smallest in the relations that name the
 * target, else in those one hidden cell further away, and so on (exact cells are constants to the
 * reader, so knowledge only travels through hidden ones).
 */
function pickCellToWithhold(
  target: number,
  values: readonly number[],
  shown: readonly Shown[],
  pinnedAnyway: ReadonlySet<number>,
  relations: readonly LinearRelation[],
  relationsOf: readonly number[][],
): number | undefined {
  const seenCells = new Set([target]);
  const seenRelations = new Set<number>();
  let frontier = [target];
  while (frontier.length > 0) {
    const next: number[] = [];
    let best: number | undefined;
    for (const from of frontier) {
      for (const r of relationsOf[from] ?? []) {
        if (seenRelations.has(r)) continue;
        seenRelations.add(r);
        for (const [c] of relations[r]!.terms) {
          const s = shown[c]!;
          if (s.kind === 'exact') {
            if (s.value > 0 && !pinnedAnyway.has(c) && (best === undefined || s.value < values[best]! || (s.value === values[best]! && c < best))) {
              best = c;
            }
          } else if (!seenCells.has(c)) {
            seenCells.add(c);
            next.push(c);
          }
        }
      }
    }
    if (best !== undefined) return best;
    frontier = next;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The digest: its cells exactly as the posted message shows them, and what a reader knows of them.

/** Rows of the per-agency table shown before the rest is summed (the blocks import this). */
export const AGENCY_TABLE_ROWS = 15;
/** Agencies listed under "needs attention" before the rest is summed (the blocks import this). */
export const OVERDUE_ROWS = 10;

/** Headline totals the posted message shows (beside the referral states). */
export const CHANNEL_TOTALS = ['engaged', 'accepted', 'minors', 'safetyEnsured', 'chargedPeople', 'offences'] as const;
/** Last-24-hours figures the posted message shows, as `(+n)` (beside the referral states). */
export const CHANNEL_LAST_24H = ['engaged', 'accepted', 'minors', 'safetyEnsured', 'chargedPeople'] as const;
/** Columns of the per-agency table, in its order. */
export const AGENCY_COLUMNS = ['engaged', 'accepted', 'referrals', 'chargedPeople'] as const;

export type ChannelTotal = (typeof CHANNEL_TOTALS)[number];
export type ChannelLast24h = (typeof CHANNEL_LAST_24H)[number];
export type AgencyColumn = (typeof AGENCY_COLUMNS)[number];

/** The top rows and the rest, as the posted message cuts a list. */
export function cutRows<T>(rows: readonly T[], limit: number): { shown: T[]; rest: T[] } {
  return { shown: rows.slice(0, limit), rest: rows.slice(limit) };
}

/** The rest of the agency table summed column by column: the "N other agencies" line. */
export function sumAgencyRows(rows: readonly Pick<AgencyRow, AgencyColumn>[]): Record<AgencyColumn, number> {
  return recordOf(AGENCY_COLUMNS, (col) => rows.reduce((n, r) => n + r[col], 0));
}

/**
 * How the posted message lays its two lists out. Both are cut to their top rows by count; `order`
 * says how the rows kept are printed. `count` (today's blocks): most first, then code, and a reader
 * who sees the order can chain the rows (in the 2017 replay, 13 engaged over five `<5` rows sorted
 * that way pins WPS at 3, so the total must go). `code`: alphabetical, and the order tells nothing
 * beyond the cut (every row kept is ≥ every row summed).
 */
export interface ChannelLayout {
  /** Rows of the agency table before the rest is summed; 0: no table at all. */
  agencyRows: number;
  /** Rows of the overdue list before the rest is summed; 0: no list at all. */
  overdueRows: number;
  order: 'count' | 'code';
  /** The table's columns, `engaged` among them (the table is cut by it); all of them when left out. */
  agencyColumns?: readonly AgencyColumn[];
}

export const CHANNEL_LAYOUT: ChannelLayout = { agencyRows: AGENCY_TABLE_ROWS, overdueRows: OVERDUE_ROWS, order: 'count' };

export type MaskedTotals = Record<ChannelTotal, Shown> & { referrals: Record<string, Shown> };
export type MaskedLast24h = Record<ChannelLast24h, Shown> & { referrals: Record<string, Shown> };
/** A row of the table: the layout's columns only. */
export type MaskedAgencyRow = { agency: string } & Partial<Record<AgencyColumn, Shown>>;

/** Every count the posted digest shows, as it may show it. Counts of agencies and staff are never hidden. */
export interface MaskedDigest {
  hideBelow: number;
  totals: MaskedTotals;
  last24h: MaskedLast24h;
  /** The table's top rows (by engaged), in the order the message prints them (`layout.order`). */
  byAgency: MaskedAgencyRow[];
  /** The summed line for the agencies after the top rows; null when there are none. */
  otherAgencies: ({ agencies: number } & Partial<Record<AgencyColumn, Shown>>) | null;
  /** The overdue list's top rows (by pending), in the order the message prints them. */
  overdue: Array<{ agency: string; pending: Shown }>;
  /** The summed line for the overdue agencies after the top rows; null when there are none. */
  overdueRest: { agencies: number; pending: Shown } | null;
  /** Whether anything is not shown exactly: the message then says so in one line. */
  hidden: boolean;
  /** Whether some figure is withheld (not only shown as `<T`). */
  suppressed: boolean;
  /** Figures (e.g. `byAgency.WPS.engaged`) the message still gives away, see CountMask.unprotected. */
  unprotected: string[];
}

/** Cells with labels; relations over their indices. */
class CellBook {
  readonly values: number[] = [];
  readonly labels: string[] = [];
  readonly relations: LinearRelation[] = [];

  add(label: string, value: number): number {
    this.labels.push(label);
    return this.values.push(value) - 1;
  }

  addAll<K extends string>(prefix: string, keys: readonly K[], value: (k: K) => number): Record<K, number> {
    return recordOf(keys, (k) => this.add(`${prefix}.${k}`, value(k)));
  }

  /**
   * Only relations that hold for this digest: they describe the real data, and one that failed
   * (a data anomaly) would teach the reader nothing but that it failed.
   */
  relate(relation: LinearRelation): void {
    if (relation.terms.length > 0 && holdsFor(this.values, relation)) this.relations.push(relation);
  }
}

/** Within one set of figures (totals, last 24 h, an agency's row): parts never exceed their whole. */
const WITHIN_FIGURES: ReadonlyArray<readonly [smaller: string, larger: string]> = [
  ['accepted', 'engaged'],
  ['minors', 'engaged'],
  ['safetyEnsured', 'engaged'],
  ['chargedPeople', 'offences'],
];

function relateWithin(book: CellBook, cells: Readonly<Partial<Record<string, number>>>): void {
  for (const [smaller, larger] of WITHIN_FIGURES) {
    const s = cells[smaller];
    const l = cells[larger];
    if (s !== undefined && l !== undefined) book.relate(boundSum([s], [l]));
  }
}

/**
 * What a list's order tells. Sorted by count (descending, then code ascending): each row is ≤ the one
 * above, strictly when its code sorts before the one above's (a tie would have put it first). In any
 * order, rows past the cut are each ≤ every row kept, so their sum is ≤ their count times each.
 */
function relateOrder(
  book: CellBook,
  order: ChannelLayout['order'],
  rows: ReadonlyArray<{ code: string; cell: number }>,
  rest?: { cell: number; count: number },
): void {
  if (order === 'count') {
    for (let i = 1; i < rows.length; i++) {
      const above = rows[i - 1]!;
      const row = rows[i]!;
      book.relate(boundSum([row.cell], [above.cell], row.code < above.code ? -1 : 0));
    }
  }
  if (rest) for (const row of order === 'count' ? rows.slice(-1) : rows) book.relate(boundSum([rest.cell], [[row.cell, rest.count]]));
}

/** The rows kept, in the order the message prints them. */
function printOrder<T extends { agency: string }>(rows: T[], order: ChannelLayout['order']): T[] {
  return order === 'count' ? rows : [...rows].sort((a, b) => compareCodes(a.agency, b.agency));
}

function referralStates(digest: Digest): string[] {
  return [...new Set([...Object.keys(digest.totals.referrals), ...Object.keys(digest.last24h.referrals)])];
}

/**
 * Every count the posted digest shows, masked for a channel with threshold `hideBelow`; the
 * `/digest` preview calls it too, to mark what a post would hide. `layout` must be the blocks' own
 * (the default is today's), and the blocks print the rows in the order returned here, or the check
 * reasons about another message than the one posted.
 */
export function maskDigestForChannel(digest: Digest, hideBelow: number, layout: ChannelLayout = CHANNEL_LAYOUT): MaskedDigest {
  const book = new CellBook();
  const states = referralStates(digest);
  const totalStates: Readonly<Record<string, number>> = digest.totals.referrals;
  const recentStates: Readonly<Record<string, number>> = digest.last24h.referrals;

  const totals = book.addAll('totals', CHANNEL_TOTALS, (k) => digest.totals[k]);
  const totalReferrals = book.addAll('totals.referrals', states, (s) => totalStates[s] ?? 0);
  const recent = book.addAll('last24h', CHANNEL_LAST_24H, (k) => digest.last24h[k]);
  const recentReferrals = book.addAll('last24h.referrals', states, (s) => recentStates[s] ?? 0);

  const columns = layout.agencyColumns ?? AGENCY_COLUMNS;
  if (!columns.includes('engaged')) throw new RangeError('maskDigestForChannel: the table is cut by engaged, so it needs that column');
  const agencies = layout.agencyRows > 0 ? cutRows(digest.byAgency, layout.agencyRows) : { shown: [], rest: [] };
  const rows = printOrder(agencies.shown, layout.order).map((r) => ({ code: r.agency, cells: book.addAll(`byAgency.${r.agency}`, columns, (k) => r[k]) }));
  const restSum = sumAgencyRows(agencies.rest);
  const others = agencies.rest.length > 0 ? book.addAll('otherAgencies', columns, (k) => restSum[k]) : undefined;

  const overdueCut = layout.overdueRows > 0 ? cutRows(digest.overdue, layout.overdueRows) : { shown: [], rest: [] };
  const overdue = printOrder(overdueCut.shown, layout.order).map((o) => ({ code: o.agency, cell: book.add(`overdue.${o.agency}`, o.pending) }));
  const overdueRest =
    overdueCut.rest.length > 0
      ? { cell: book.add('overdueRest', overdueCut.rest.reduce((n, o) => n + o.pending, 0)), count: overdueCut.rest.length }
      : undefined;

  // Parts within each set of figures.
  relateWithin(book, totals);
  relateWithin(book, recent);
  for (const row of rows) relateWithin(book, row.cells);
  if (others) relateWithin(book, others);

  // The last 24 hours are part of the totals.
  const totalOf: Readonly<Partial<Record<string, number>>> = totals;
  for (const k of CHANNEL_LAST_24H) {
    const whole = totalOf[k];
    if (whole !== undefined) book.relate(boundSum([recent[k]], [whole]));
  }
  for (const s of states) book.relate(boundSum([recentReferrals[s]!], [totalReferrals[s]!]));

  // Each column of the table, with its "others" line, adds up to its total; referrals made add up
  // to the referrals by state.
  const allStates = states.map((s) => totalReferrals[s]!);
  for (const col of columns) {
    const parts = [...rows.map((r) => r.cells[col]), ...(others ? [others[col]] : [])];
    const total = totalOf[col];
    const whole = col === 'referrals' ? allStates : total !== undefined ? [total] : undefined;
    if (whole && parts.length > 0) book.relate(equateSums(parts, whole));
  }

  // Both lists are cut by count: the table by engaged, the overdue list by pending.
  relateOrder(
    book,
    layout.order,
    rows.map((r) => ({ code: r.code, cell: r.cells.engaged })),
    others ? { cell: others.engaged, count: agencies.rest.length } : undefined,
  );
  relateOrder(book, layout.order, overdue, overdueRest);
  // An agency is listed as overdue only with at least one; all of them are pending.
  if (overdueRest) book.relate(boundSum([], [overdueRest.cell], -overdueRest.count));
  const pending = totalReferrals['pending'];
  if (pending !== undefined && overdue.length > 0) {
    book.relate(boundSum([...overdue.map((o) => o.cell), ...(overdueRest ? [overdueRest.cell] : [])], [pending]));
  }

  const mask = maskCounts(book.values, book.relations, hideBelow);
  const at = (cell: number) => mask.shown[cell]!;
  const show = <K extends string>(keys: readonly K[], cells: Record<K, number>) => recordOf(keys, (k) => at(cells[k]));
  return {
    hideBelow,
    totals: { ...show(CHANNEL_TOTALS, totals), referrals: show(states, totalReferrals) },
    last24h: { ...show(CHANNEL_LAST_24H, recent), referrals: show(states, recentReferrals) },
    byAgency: rows.map((r) => ({ agency: r.code, ...show(columns, r.cells) })),
    otherAgencies: others ? { agencies: agencies.rest.length, ...show(columns, others) } : null,
    overdue: overdue.map((o) => ({ agency: o.code, pending: at(o.cell) })),
    overdueRest: overdueRest ? { agencies: overdueRest.count, pending: at(overdueRest.cell) } : null,
    hidden: mask.shown.some(isHidden),
    suppressed: mask.shown.some((s) => s.kind === 'suppressed'),
    unprotected: mask.unprotected.map((cell) => book.labels[cell]!),
  };
}

/** A record over known keys; the one place the key type is asserted. */
function recordOf<K extends string, V>(keys: readonly K[], value: (k: K) => V): Record<K, V> {
  return Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, V>;
}

/** What a channel post leaves out so that nothing it shows gives a small count away. */
export type LeftOut = 'nothing' | 'referralsColumn' | 'lists';

/**
 * The layouts a channel post tries, fullest first. The table prints its rows by code: a table sorted
 * by count lets a reader chain its rows (see ChannelLayout), which would cost the totals. When the
 * check cannot protect every hidden count (a few referrals spread one per agency pin each other),
 * the message says less: first without the table's referrals column, then without either list.
 */
const CHANNEL_LAYOUTS: ReadonlyArray<{ leftOut: LeftOut; layout: ChannelLayout }> = [
  { leftOut: 'nothing', layout: { ...CHANNEL_LAYOUT, order: 'code' } },
  { leftOut: 'referralsColumn', layout: { ...CHANNEL_LAYOUT, order: 'code', agencyColumns: AGENCY_COLUMNS.filter((c) => c !== 'referrals') } },
  { leftOut: 'lists', layout: { ...CHANNEL_LAYOUT, order: 'code', agencyRows: 0, overdueRows: 0 } },
];

export interface ChannelDigestPlan {
  masked: MaskedDigest;
  layout: ChannelLayout;
  leftOut: LeftOut;
}

/**
 * The digest as a channel may see it: the fullest layout whose every hidden count is protected.
 * With none (no case is known: the headline alone has only ranges), the barest, whose `unprotected`
 * the caller logs.
 */
export function planChannelDigest(digest: Digest, hideBelow: number): ChannelDigestPlan {
  let plan: ChannelDigestPlan | undefined;
  for (const { leftOut, layout } of CHANNEL_LAYOUTS) {
    plan = { masked: maskDigestForChannel(digest, hideBelow, layout), layout, leftOut };
    if (plan.masked.unprotected.length === 0) return plan;
  }
  return plan!;
}
