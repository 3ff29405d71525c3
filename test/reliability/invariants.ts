// Database invariants the reliability tests check after crashes and after fuzzing: the digest's
// rollups (kept by triggers) agree with the rows they count. Tables that do not exist yet are skipped,
// so the check follows the schema as it evolves.
import type Database from 'better-sqlite3';

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function hasColumn(db: Database.Database, table: string, column: string): boolean {
  return (db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).some((c) => c.name === column);
}

/** Every disagreement between a rollup and its base rows, in words (empty when they all agree). */
export function rollupProblems(db: Database.Database): string[] {
  const problems: string[] = [];
  const compare = (what: string, sql: string) => {
    const rows = db.prepare(sql).all() as Array<Record<string, unknown>>;
    for (const row of rows.slice(0, 5)) problems.push(`${what} disagrees with its rows: ${JSON.stringify(row)}`);
  };
  if (hasTable(db, 'digest_totals')) {
    compare(
      'digest_totals (engagements)',
      `WITH base AS (SELECT operation_id, agency_id, count(*) AS engaged, sum(offered) AS offered, sum(accepted) AS accepted,
                            sum(age_band = 'under18') AS minors, sum(safety_ensured) AS safety
                     FROM engagements GROUP BY operation_id, agency_id)
       SELECT b.*, t.engaged AS rollup_engaged, t.offered AS rollup_offered, t.accepted AS rollup_accepted, t.minors AS rollup_minors
       FROM base b LEFT JOIN digest_totals t ON t.operation_id = b.operation_id AND t.agency_id = b.agency_id
       WHERE t.engaged IS NOT b.engaged OR t.offered IS NOT b.offered OR t.accepted IS NOT b.accepted OR t.minors IS NOT b.minors
          OR t.safety_ensured IS NOT b.safety
       UNION ALL
       SELECT t.operation_id, t.agency_id, 0, 0, 0, 0, 0, t.engaged, t.offered, t.accepted, t.minors FROM digest_totals t
       WHERE t.engaged != 0 AND NOT EXISTS (SELECT 1 FROM engagements e WHERE e.operation_id = t.operation_id AND e.agency_id = t.agency_id)`,
    );
    compare(
      'digest_totals (charges)',
      `WITH base AS (SELECT operation_id, agency_id, count(*) AS people, sum(offence_count) AS offences FROM charges GROUP BY operation_id, agency_id)
       SELECT b.*, t.charged_people, t.offences AS rollup_offences FROM base b
       LEFT JOIN digest_totals t ON t.operation_id = b.operation_id AND t.agency_id = b.agency_id
       WHERE t.charged_people IS NOT b.people OR t.offences IS NOT b.offences`,
    );
    if (hasColumn(db, 'referrals', 'operation_id')) {
      compare(
        'digest_totals (referrals made)',
        `WITH base AS (SELECT e.operation_id, r.from_agency_id AS agency_id, count(*) AS made
                       FROM referrals r JOIN engagements e ON e.id = r.engagement_id GROUP BY e.operation_id, r.from_agency_id)
         SELECT b.*, t.referrals_made FROM base b LEFT JOIN digest_totals t ON t.operation_id = b.operation_id AND t.agency_id = b.agency_id
         WHERE t.referrals_made IS NOT b.made`,
      );
    }
  }
  if (hasTable(db, 'digest_referral_states')) {
    compare(
      'digest_referral_states',
      `WITH base AS (SELECT e.operation_id, r.status, count(*) AS n FROM referrals r JOIN engagements e ON e.id = r.engagement_id
                     GROUP BY e.operation_id, r.status)
       SELECT b.*, s.n AS rollup_n FROM base b LEFT JOIN digest_referral_states s ON s.operation_id = b.operation_id AND s.status = b.status
       WHERE s.n IS NOT b.n
       UNION ALL
       SELECT s.operation_id, s.status, 0, s.n FROM digest_referral_states s
       WHERE s.n != 0 AND NOT EXISTS (SELECT 1 FROM referrals r JOIN engagements e ON e.id = r.engagement_id
                                      WHERE e.operation_id = s.operation_id AND r.status = s.status)`,
    );
  }
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
