// The operation's records as rows for `export --csv`: engagements, referrals and charges of the
// operation and every operation below it. Free text that the data guard would refuse today is
// withheld, so an export never carries what Liaison would not store now.
import type { Database } from '../../db/database.js';
import { listRegisteredNames } from '../../db/queries/agencies.js';
import { listChargesIn, listEngagementsIn, listReferralsIn } from '../../db/queries/export.js';
import { findPersonalData } from './data-guard.js';
import { treeOperationIds } from './operations.js';
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

function safeText(text: string | null, knownNames: readonly string[]): string | null {
  if (text === null) return null;
  return findPersonalData(text, { knownNames }) ? WITHHELD : text;
}

const iso = (ms: number) => new Date(ms).toISOString();
const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** Every record of the operation and the operations below it, read on one snapshot. */
export function exportRows(db: Database, operationId: number): Promise<ExportRow[]> {
  return db.read(async (tx) => {
    const ops = await treeOperationIds(tx, operationId);
    const known = await listRegisteredNames(tx);
    const rows: ExportRow[] = [];
    for (const e of await listEngagementsIn(tx, ops)) {
      rows.push({
        record: 'engagement',
        ref: formatRef('E', e.id),
        operation: e.operation,
        agency: e.agency,
        at: iso(e.occurredAt),
        age_band: e.ageBand,
        gender: e.gender,
        offered: yesNo(e.offered),
        accepted: yesNo(e.accepted),
        safety_ensured: yesNo(e.safetyEnsured),
        area: safeText(e.area, known),
        language: e.language,
        note: safeText(e.note, known),
      });
    }
    for (const r of await listReferralsIn(tx, ops)) {
      rows.push({
        record: 'referral',
        ref: formatRef('R', r.id),
        operation: r.operation,
        agency: r.agency,
        at: iso(r.createdAt),
        engagement: formatRef('E', r.engagementId),
        to_agency: r.toAgency,
        needs: r.needs,
        urgency: r.urgency,
        status: r.status,
        outcome: r.closeOutcome,
        note: safeText(r.note, known),
      });
    }
    for (const c of await listChargesIn(tx, ops)) {
      rows.push({
        record: 'charge',
        ref: formatRef('C', c.id),
        operation: c.operation,
        agency: c.agency,
        at: iso(c.createdAt),
        offences: c.sections.join(';'),
        note: safeText(c.note, known),
      });
    }
    return rows;
  });
}

/**
 * What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): = + - @, and a tab or
 * carriage return, after which some spreadsheets look again. A note of "=1+1" passes the data guard.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field, quoted as RFC 4180 says: when it holds a comma, a quote or a line break. Text that
 * a spreadsheet would run as a formula gets a leading ' inside the quotes, so it opens as the text
 * it is. Numbers are left as numbers: a count is never a formula, and ' would make it text.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (FORMULA_START.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
