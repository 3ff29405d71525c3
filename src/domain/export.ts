// The operation's records as rows for `export --csv`: engagements, referrals and charges of the
// operation and every operation below it. Free text that the data guard would refuse today is
// withheld, so an export never carries what Liaison would not store now.
import type { Db } from '../../db/client.js';
import { findPersonalData } from './data-guard.js';
import { formatRef } from './references.js';

export const EXPORT_COLUMNS = [
  'record',
  'ref',
  'operation',
  'agency',
  'at',
  'age_band',
  'gender',
  'offered',
  'accepted',
  'safety_ensured',
  'area',
  'language',
  'engagement',
  'to_agency',
  'needs',
  'urgency',
  'status',
  'outcome',
  'offences',
  'note',
] as const;
export type ExportRow = Partial<Record<(typeof EXPORT_COLUMNS)[number], string | number | null>>;

export const WITHHELD = '[withheld]';

function safeText(text: string | null): string | null {
  if (text === null) return null;
  return findPersonalData(text) ? WITHHELD : text;
}

interface EngagementRow {
  id: number;
  op: string;
  agency: string;
  occurred_at: number;
  age_band: string;
  gender: string;
  offered: number;
  accepted: number;
  safety_ensured: number;
  area: string | null;
  language: string | null;
  note: string | null;
}
interface ReferralRow {
  id: number;
  op: string;
  agency: string;
  to_agency: string;
  created_at: number;
  engagement_id: number;
  needs: string;
  urgency: string;
  status: string;
  close_outcome: string | null;
  note: string | null;
}
interface ChargeRow {
  id: number;
  op: string;
  agency: string;
  created_at: number;
  sections: string;
  note: string | null;
}

const TREE = `WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT o.id FROM operations o JOIN tree ON o.parent_id = tree.id)`;
const iso = (ms: number) => new Date(ms).toISOString();

export function* exportRows(db: Db, operationId: number): Generator<ExportRow> {
  for (const e of db.$client
    .prepare(
      `${TREE} SELECT e.*, o.code AS op, a.code AS agency FROM engagements e JOIN tree ON e.operation_id = tree.id
       JOIN operations o ON o.id = e.operation_id JOIN agencies a ON a.id = e.agency_id ORDER BY e.id`,
    )
    .iterate(operationId) as IterableIterator<EngagementRow>) {
    yield {
      record: 'engagement',
      ref: formatRef('E', e.id),
      operation: e.op,
      agency: e.agency,
      at: iso(e.occurred_at),
      age_band: e.age_band,
      gender: e.gender,
      offered: e.offered ? 'yes' : 'no',
      accepted: e.accepted ? 'yes' : 'no',
      safety_ensured: e.safety_ensured ? 'yes' : 'no',
      area: safeText(e.area),
      language: e.language,
      note: safeText(e.note),
    };
  }
  for (const r of db.$client
    .prepare(
      `${TREE} SELECT r.*, o.code AS op, fa.code AS agency, ta.code AS to_agency FROM referrals r
       JOIN engagements e ON e.id = r.engagement_id JOIN tree ON e.operation_id = tree.id
       JOIN operations o ON o.id = e.operation_id JOIN agencies fa ON fa.id = r.from_agency_id
       JOIN agencies ta ON ta.id = r.to_agency_id ORDER BY r.id`,
    )
    .iterate(operationId) as IterableIterator<ReferralRow>) {
    yield {
      record: 'referral',
      ref: formatRef('R', r.id),
      operation: r.op,
      agency: r.agency,
      at: iso(r.created_at),
      engagement: formatRef('E', r.engagement_id),
      to_agency: r.to_agency,
      needs: r.needs,
      urgency: r.urgency,
      status: r.status,
      outcome: r.close_outcome,
      note: safeText(r.note),
    };
  }
  for (const c of db.$client
    .prepare(
      `${TREE} SELECT c.*, o.code AS op, a.code AS agency,
         (SELECT group_concat(section, ';') FROM charge_offences WHERE charge_id = c.id) AS sections
       FROM charges c JOIN tree ON c.operation_id = tree.id JOIN operations o ON o.id = c.operation_id
       JOIN agencies a ON a.id = c.agency_id ORDER BY c.id`,
    )
    .iterate(operationId) as IterableIterator<ChargeRow>) {
    yield {
      record: 'charge',
      ref: formatRef('C', c.id),
      operation: c.op,
      agency: c.agency,
      at: iso(c.created_at),
      offences: c.sections,
      note: safeText(c.note),
    };
  }
}

/** One CSV field, quoted as RFC 4180 says: when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
