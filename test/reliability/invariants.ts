// Database invariants the reliability tests check after crashes and after fuzzing: the digest's
// rollups (kept by triggers) agree with the rows they count. Computed here from the base rows, in
// plain JavaScript, so the check is the same on either engine and independent of the triggers' SQL.
import type { TestSql } from '../helpers/sql.js';

type Counts = Record<string, number>;

function add(map: Map<string, Counts>, key: string, counts: Counts): void {
  const into = map.get(key) ?? {};
  for (const [k, v] of Object.entries(counts)) into[k] = (into[k] ?? 0) + v;
  map.set(key, into);
}

/** Every disagreement between a rollup and its base rows, in words (empty when they all agree). */
export async function rollupProblems(sql: TestSql): Promise<string[]> {
  const expected = new Map<string, Counts>();
  for (const e of await sql.all<{ operation_id: number; agency_id: number; offered: number; accepted: number; age_band: string; safety_ensured: number }>(
    'SELECT operation_id, agency_id, offered, accepted, age_band, safety_ensured FROM engagements',
  )) {
    add(expected, `${e.operation_id}/${e.agency_id}`, {
      engaged: 1,
      offered: e.offered,
      accepted: e.accepted,
      minors: e.age_band === 'under18' ? 1 : 0,
      safety_ensured: e.safety_ensured,
    });
  }
  for (const c of await sql.all<{ operation_id: number; agency_id: number; offence_count: number }>('SELECT operation_id, agency_id, offence_count FROM charges')) {
    add(expected, `${c.operation_id}/${c.agency_id}`, { charged_people: 1, offences: c.offence_count });
  }
  const states = new Map<string, Counts>();
  for (const r of await sql.all<{ operation_id: number; from_agency_id: number; status: string }>(
    'SELECT e.operation_id, r.from_agency_id, r.status FROM referrals r JOIN engagements e ON e.id = r.engagement_id',
  )) {
    add(expected, `${r.operation_id}/${r.from_agency_id}`, { referrals_made: 1 });
    add(states, `${r.operation_id}/${r.status}`, { n: 1 });
  }
  const problems: string[] = [];
  const compare = (what: string, want: Map<string, Counts>, rows: Array<Record<string, unknown>>, keyOf: (row: Record<string, unknown>) => string) => {
    const have = new Map(rows.map((row) => [keyOf(row), row]));
    for (const key of new Set([...want.keys(), ...have.keys()])) {
      const counts = want.get(key) ?? {};
      const row = have.get(key) ?? {};
      const columns = new Set([...Object.keys(counts), ...Object.keys(row).filter((k) => typeof row[k] === 'number' && !k.endsWith('_id') && k !== 'status')]);
      const wrong = [...columns].filter((column) => Number(row[column] ?? 0) !== (counts[column] ?? 0));
      if (wrong.length && problems.length < 20) problems.push(`${what} ${key} disagrees with its rows on ${wrong.join(', ')}: rollup ${JSON.stringify(row)}, rows ${JSON.stringify(counts)}`);
    }
  };
  compare('digest_totals', expected, await sql.all('SELECT * FROM digest_totals'), (row) => `${row.operation_id}/${row.agency_id}`);
  compare('digest_referral_states', states, await sql.all('SELECT * FROM digest_referral_states'), (row) => `${row.operation_id}/${row.status}`);
  return problems;
}

/**
 * A few of Slack's documented Block Kit limits (Slack refuses a payload that breaks them, and the person
 * sees nothing or a generic error): text objects of at most 3000 characters (150 in a header), modal
 * titles of 24, at most 50 blocks in a message and 100 in a view.
 */
export function slackLimitProblems(payload: unknown, surface: 'message' | 'view'): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, path: string, parentType: string | undefined) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        walk(child, `${path}/${i}`, parentType);
      });
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') {
      const limit = parentType === 'header' ? 150 : 3000;
      if (o.text.length > limit) problems.push(`${path}: ${o.type} text of ${o.text.length} characters (limit ${limit})`);
    }
    for (const [key, value] of Object.entries(o)) walk(value, `${path}/${key}`, typeof o.type === 'string' ? o.type : parentType);
  };
  const o = (payload ?? {}) as Record<string, unknown>;
  const blocks = o.blocks as unknown[] | undefined;
  if (Array.isArray(blocks) && blocks.length > (surface === 'view' ? 100 : 50)) problems.push(`${blocks.length} blocks`);
  if (surface === 'view') {
    const title = (o.title as { text?: string } | undefined)?.text;
    if (title && title.length > 24) problems.push(`modal title of ${title.length} characters (limit 24)`);
  }
  walk(blocks, '/blocks', undefined);
  return problems;
}
