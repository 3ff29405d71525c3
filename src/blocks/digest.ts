// The Slack digest: headline figures first, then referrals needing attention, then the per-agency
// table. Aggregates only. Built to stay inside Slack's limits (50 blocks, 3,000 characters per
// text) for any number of agencies: long lists are cut to their top rows, the rest summed on a line.
//
// Two readers. A channel sees the figures the small-numbers check allows (`<5` for 1 … 4, `x` for a
// figure withheld so that none can be worked out, parts left out when nothing else protects them)
// and one line saying so. The `/digest` preview, for the people allowed exact figures, shows them
// all, in the same layout, with † on each figure a channel post would hide.
import type { KnownBlock } from '@slack/types';
import type { Digest } from '../domain/digest.js';
import type { DigestLanguage } from '../../db/queries/operations.js';
import type { Language } from '../../db/queries/referrals.js';
import {
  AGENCY_COLUMNS,
  AGENCY_TABLE_ROWS,
  type AgencyColumn,
  CHANNEL_LAST_24H,
  CHANNEL_TOTALS,
  type ChannelDigestPlan,
  cutRows,
  type MaskedDigest,
  OVERDUE_ROWS,
  planChannelDigest,
  type Shown,
  sumAgencyRows,
} from '../domain/small-numbers.js';
import type { HiddenInPost } from '../i18n/en.js';
import { type Messages, messagesFor } from '../i18n/index.js';
import { mrkdwn, plain } from './elements.js';
import type { Message } from './referral-card.js';
import { truncate } from '../domain/truncate.js';

/** Slack's limit on a section's text. */
export const SECTION_TEXT_LIMIT = 3000;
/** The preview's mark on a figure a channel post would hide. */
export const HIDDEN_IN_POST = '†';

export type DigestAudience = 'channel' | 'preview';

export interface DigestMessage extends Message {
  /** Figures the posted message still gives away (see planChannelDigest): the caller logs them. */
  unprotected: string[];
}

/** One figure as the reader sees it, and whether it is zero (a `(+0)` is not printed). */
interface Figure {
  text: string;
  zero: boolean;
}

/** Figures by name (`engaged`, a referral state, a column); a name not there reads as 0. */
type Figures = Readonly<Record<string, Figure>>;
const ZERO: Figure = { text: '0', zero: true };
const at = (figures: Figures, name: string): Figure => figures[name] ?? ZERO;

/** Everything the message prints, as text, whichever the reader. */
interface DigestView {
  totals: Figures;
  totalReferrals: Figures;
  last24h: Figures;
  recentReferrals: Figures;
  table: {
    columns: readonly AgencyColumn[];
    rows: Array<{ label: string; cells: Figures }>;
    others: { agencies: number; cells: Figures } | null;
  } | null;
  overdue: { rows: Array<{ agency: string; pending: Figure }>; rest: { agencies: number; pending: Figure } | null } | null;
  /** The one line on small numbers, when there is something to say. */
  note: string | null;
}

/**
 * The digest in the operation's language, or in both, one after the other, the first named first
 * (`en+fr`): one post every partner can read.
 */
export function buildDigestMessageIn(
  lang: DigestLanguage,
  digest: Digest,
  localDate: string,
  reader: { audience: DigestAudience; hideBelow: number },
): DigestMessage {
  const parts = (lang.split('+') as Language[]).map((language) => buildDigestMessage(digest, localDate, messagesFor(language), reader));
  if (parts.length === 1) return parts[0]!;
  return {
    text: parts.map((p) => p.text).join('\n\n'),
    blocks: parts.flatMap((p, i) => (i === 0 ? p.blocks : [{ type: 'divider' } as const, ...p.blocks])),
    unprotected: [...new Set(parts.flatMap((p) => p.unprotected))],
  };
}

export function buildDigestMessage(
  digest: Digest,
  localDate: string,
  msg: Messages,
  reader: { audience: DigestAudience; hideBelow: number },
): DigestMessage {
  const plan = planChannelDigest(digest, reader.hideBelow);
  const view = reader.audience === 'channel' ? channelView(digest, plan, msg) : previewView(digest, plan, msg);
  return { ...renderDigest(digest, view, localDate, msg), unprotected: plan.masked.unprotected };
}

// ---------------------------------------------------------------------------------------------
// The two views.

function channelView(digest: Digest, plan: ChannelDigestPlan, msg: Messages): DigestView {
  const masked = plan.masked;
  const fig = (s: Shown | undefined): Figure =>
    s === undefined || s.kind === 'exact' ? { text: String(s?.value ?? 0), zero: (s?.value ?? 0) === 0 } : { text: s.kind === 'small' ? `<${s.below}` : 'x', zero: false };
  const figs = (shown: object, names: readonly string[]) => figuresOf(shown, names, (s) => fig(s as Shown));
  const columns = plan.layout.agencyColumns ?? AGENCY_COLUMNS;
  return {
    totals: figs(masked.totals, CHANNEL_TOTALS),
    totalReferrals: figs(masked.totals.referrals, Object.keys(masked.totals.referrals)),
    last24h: figs(masked.last24h, CHANNEL_LAST_24H),
    recentReferrals: figs(masked.last24h.referrals, Object.keys(masked.last24h.referrals)),
    table:
      plan.layout.agencyRows > 0 && masked.byAgency.length > 0
        ? {
            columns,
            rows: masked.byAgency.map((r) => ({ label: r.agency, cells: figs(r, columns) })),
            others: masked.otherAgencies && { agencies: masked.otherAgencies.agencies, cells: figs(masked.otherAgencies, columns) },
          }
        : null,
    overdue:
      plan.layout.overdueRows > 0 && masked.overdue.length > 0
        ? {
            rows: masked.overdue.map((o) => ({ agency: o.agency, pending: fig(o.pending) })),
            rest: masked.overdueRest && { agencies: masked.overdueRest.agencies, pending: fig(masked.overdueRest.pending) },
          }
        : null,
    note: masked.hidden || plan.leftOut !== 'nothing' ? msg.digest.smallNumbersNote(digest.operation.code, masked.hideBelow, hiddenInPost(plan)) : null,
  };
}

function previewView(digest: Digest, plan: ChannelDigestPlan, msg: Messages): DigestView {
  const masked: MaskedDigest = plan.masked;
  // Exact, marked when the post shows it otherwise. A figure the post leaves out is named in the note instead.
  const fig = (value: number, posted: Shown | undefined): Figure => ({
    text: `${value}${posted !== undefined && posted.kind !== 'exact' ? HIDDEN_IN_POST : ''}`,
    zero: value === 0,
  });
  const figs = (values: object, posted: object, names: readonly string[]) =>
    figuresOf(values, names, (v, name) => fig(v as number, (posted as Record<string, Shown | undefined>)[name]));
  const states = Object.keys(digest.totals.referrals);
  // The same rows in the same order as the post, found by code; the full table even when the post cuts a column.
  const cut = cutRows(digest.byAgency, plan.layout.agencyRows || AGENCY_TABLE_ROWS);
  const postedRow = new Map(masked.byAgency.map((r) => [r.agency, r]));
  const printed = sortLike(cut.shown, masked.byAgency.map((r) => r.agency));
  const overdueCut = cutRows(digest.overdue, plan.layout.overdueRows || OVERDUE_ROWS);
  const postedOverdue = new Map(masked.overdue.map((o) => [o.agency, o.pending]));
  return {
    totals: figs(digest.totals, masked.totals, CHANNEL_TOTALS),
    totalReferrals: figs(digest.totals.referrals, masked.totals.referrals, states),
    last24h: figs(digest.last24h, masked.last24h, CHANNEL_LAST_24H),
    recentReferrals: figs(digest.last24h.referrals, masked.last24h.referrals, states),
    table:
      digest.byAgency.length > 0
        ? {
            columns: AGENCY_COLUMNS,
            rows: printed.map((r) => ({ label: r.agency, cells: figs(r, postedRow.get(r.agency) ?? {}, AGENCY_COLUMNS) })),
            others:
              cut.rest.length > 0 ? { agencies: cut.rest.length, cells: figs(sumAgencyRows(cut.rest), masked.otherAgencies ?? {}, AGENCY_COLUMNS) } : null,
          }
        : null,
    overdue:
      digest.overdue.length > 0
        ? {
            rows: sortLike(overdueCut.shown, masked.overdue.map((o) => o.agency)).map((o) => ({ agency: o.agency, pending: fig(o.pending, postedOverdue.get(o.agency)) })),
            rest:
              overdueCut.rest.length > 0
                ? { agencies: overdueCut.rest.length, pending: fig(overdueCut.rest.reduce((n, o) => n + o.pending, 0), masked.overdueRest?.pending) }
                : null,
          }
        : null,
    note: masked.hidden || plan.leftOut !== 'nothing' ? msg.digest.previewNote(HIDDEN_IN_POST, masked.hideBelow, hiddenInPost(plan)) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// The message.

function renderDigest(digest: Digest, view: DigestView, localDate: string, msg: Messages): Message {
  const m = msg.digest;
  const t = (name: string) => at(view.totals, name);
  const delta = (name: string) => {
    const recent = at(view.last24h, name);
    return recent.zero ? '' : ` (+${recent.text})`;
  };
  const texts = (figures: Figures) => Object.fromEntries(Object.entries(figures).map(([name, f]) => [name, f.text]));
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(m.title(digest.operation.code, localDate)) },
    {
      type: 'section',
      fields: [
        mrkdwn(`*${m.engaged}*\n${t('engaged').text}${delta('engaged')}`),
        mrkdwn(`*${m.accepted}*\n${t('accepted').text}${delta('accepted')}`),
        mrkdwn(`*${m.minors}*\n${t('minors').text}${delta('minors')}`),
        mrkdwn(`*${m.safetyEnsured}*\n${t('safetyEnsured').text}${delta('safetyEnsured')}`),
        mrkdwn(`*${m.charged}*\n${m.chargedValue(t('chargedPeople').text, t('offences').text)}${delta('chargedPeople')}`),
        mrkdwn(`*${m.agencies}*\n${m.agenciesValue(digest.agencies, digest.policeAgencies, digest.personnel)}`),
      ],
    },
    {
      type: 'section',
      text: mrkdwn(`*${m.referrals}* ${m.referralStates(texts(view.totalReferrals))}\n_${m.last24h}_ ${m.referralStates(texts(view.recentReferrals))}`),
    },
  ];
  if (view.overdue) {
    const lines = view.overdue.rows.map((o) => m.overdueLine(o.agency, o.pending.text));
    if (view.overdue.rest) lines.push(m.overdueRest(view.overdue.rest.agencies, view.overdue.rest.pending.text));
    blocks.push({ type: 'section', text: mrkdwn(clip(`*${m.needsAttention}*\n${lines.join('\n')}`)) });
  }
  if (view.table) blocks.push({ type: 'section', text: mrkdwn(clip(`*${m.byAgency}*\n${agencyTable(view.table, msg)}`)) });
  const context = [m.footer(digest.operationCodes), ...(view.note ? [view.note] : [])];
  blocks.push({ type: 'context', elements: context.map((text) => mrkdwn(text)) });
  const fallback = m.fallback(digest.operation.code, localDate, {
    engaged: t('engaged').text,
    engagedToday: at(view.last24h, 'engaged').text,
    accepted: t('accepted').text,
    minors: t('minors').text,
    pending: at(view.totalReferrals, 'pending').text,
    chargedPeople: t('chargedPeople').text,
    offences: t('offences').text,
    agencies: digest.agencies,
    personnel: digest.personnel,
  });
  return { text: view.note ? `${fallback} ${view.note}` : fallback, blocks };
}

/** A fixed-width table, readable on a phone: the top rows, then everyone else on one line. */
function agencyTable(table: NonNullable<DigestView['table']>, msg: Messages): string {
  const m = msg.digest;
  const width = Math.max(6, ...table.rows.map((r) => r.label.length)) + 1;
  const cellWidth = 6;
  const line = (label: string, cells: Figures) => `${truncate(label, 20).padEnd(width)}${table.columns.map((c) => at(cells, c).text.padStart(cellWidth)).join('')}`;
  const header = `${''.padEnd(width)}${table.columns.map((c) => m.tableColumns[c].padStart(cellWidth)).join('')}`;
  const lines = [header, ...table.rows.map((r) => line(r.label, r.cells))];
  if (table.others) lines.push(line(m.otherAgencies(table.others.agencies), table.others.cells));
  return `\`\`\`${lines.join('\n')}\`\`\``;
}

function clip(text: string): string {
  return text.length <= SECTION_TEXT_LIMIT ? text : truncate(text, SECTION_TEXT_LIMIT, '\n…');
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

function hiddenInPost(plan: ChannelDigestPlan): HiddenInPost {
  return { withheld: plan.masked.suppressed, leftOut: plan.leftOut };
}

/** The named figures of a record (names it does not have are left out, and read as 0). */
function figuresOf(record: object, names: readonly string[], figure: (value: unknown, name: string) => Figure): Figures {
  const values = record as Record<string, unknown>;
  return Object.fromEntries(names.filter((n) => values[n] !== undefined).map((n) => [n, figure(values[n], n)]));
}

/** `rows` in the order of `codes` (the post's print order), any row not named there last. */
function sortLike<T extends { agency: string }>(rows: readonly T[], codes: readonly string[]): T[] {
  const rank = new Map(codes.map((c, i) => [c, i]));
  return [...rows].sort((a, b) => (rank.get(a.agency) ?? codes.length) - (rank.get(b.agency) ?? codes.length));
}
