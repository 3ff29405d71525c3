// The Slack digest: headline figures first, then referrals needing attention, then the per-agency
// table. Aggregates only. Built to stay inside Slack's limits (50 blocks, 3,000 characters per
// text) for any number of agencies: long lists are cut to their top rows, the rest summed on a line.
import type { KnownBlock } from '@slack/types';
import type { AgencyRow, Digest } from '../domain/digest.js';
import type { Messages } from '../i18n/index.js';
import { mrkdwn, plain } from './elements.js';
import type { Message } from './referral-card.js';

/** Rows of the per-agency table shown before the rest is summed. */
export const AGENCY_TABLE_ROWS = 15;
/** Agencies listed under "needs attention" before the rest is summed. */
export const OVERDUE_ROWS = 10;
/** Slack's limit on a section's text. */
export const SECTION_TEXT_LIMIT = 3000;

export function buildDigestMessage(digest: Digest, localDate: string, msg: Messages): Message {
  const m = msg.digest;
  const t = digest.totals;
  const d = digest.last24h;
  const delta = (n: number) => (n > 0 ? ` (+${n})` : '');
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(m.title(digest.operation.code, localDate)) },
    {
      type: 'section',
      fields: [
        mrkdwn(`*${m.engaged}*\n${t.engaged}${delta(d.engaged)}`),
        mrkdwn(`*${m.accepted}*\n${t.accepted}${delta(d.accepted)}`),
        mrkdwn(`*${m.minors}*\n${t.minors}${delta(d.minors)}`),
        mrkdwn(`*${m.safetyEnsured}*\n${t.safetyEnsured}${delta(d.safetyEnsured)}`),
        mrkdwn(`*${m.charged}*\n${m.chargedValue(t.chargedPeople, t.offences)}${delta(d.chargedPeople)}`),
        mrkdwn(`*${m.agencies}*\n${m.agenciesValue(digest.agencies, digest.personnel)}`),
      ],
    },
    {
      type: 'section',
      text: mrkdwn(
        `*${m.referrals}* ${m.referralStates(t.referrals)}\n_${m.last24h}_ ${m.referralStates(d.referrals)}`,
      ),
    },
  ];
  if (digest.overdue.length > 0) {
    const shown = digest.overdue.slice(0, OVERDUE_ROWS).map((o) => m.overdueLine(o.agency, o.pending));
    const rest = digest.overdue.slice(OVERDUE_ROWS);
    if (rest.length) shown.push(m.overdueRest(rest.length, rest.reduce((n, o) => n + o.pending, 0)));
    blocks.push({ type: 'section', text: mrkdwn(clip(`*${m.needsAttention}*\n${shown.join('\n')}`)) });
  }
  if (digest.byAgency.length > 0) {
    blocks.push({ type: 'section', text: mrkdwn(clip(`*${m.byAgency}*\n${agencyTable(digest.byAgency, msg)}`)) });
  }
  blocks.push({
    type: 'context',
    elements: [mrkdwn(m.footer(digest.operationCodes))],
  });
  return { text: m.fallback(digest, localDate), blocks };
}

/** A fixed-width table, readable on a phone: the top rows, then everyone else on one line. */
function agencyTable(rows: AgencyRow[], msg: Messages): string {
  const m = msg.digest;
  const shown = rows.slice(0, AGENCY_TABLE_ROWS);
  const rest = rows.slice(AGENCY_TABLE_ROWS);
  const width = Math.max(6, ...shown.map((r) => r.agency.length)) + 1;
  const line = (label: string, r: Pick<AgencyRow, 'engaged' | 'accepted' | 'referrals' | 'chargedPeople'>) =>
    `${label.slice(0, 20).padEnd(width)}${String(r.engaged).padStart(6)}${String(r.accepted).padStart(6)}${String(r.referrals).padStart(6)}${String(r.chargedPeople).padStart(6)}`;
  const lines = [`${''.padEnd(width)}${m.tableHeader}`, ...shown.map((r) => line(r.agency, r))];
  if (rest.length > 0) {
    const sum = rest.reduce(
      (acc, r) => ({
        engaged: acc.engaged + r.engaged,
        accepted: acc.accepted + r.accepted,
        referrals: acc.referrals + r.referrals,
        chargedPeople: acc.chargedPeople + r.chargedPeople,
      }),
      { engaged: 0, accepted: 0, referrals: 0, chargedPeople: 0 },
    );
    lines.push(line(m.otherAgencies(rest.length), sum));
  }
  return `\`\`\`${lines.join('\n')}\`\`\``;
}

function clip(text: string): string {
  return text.length <= SECTION_TEXT_LIMIT ? text : `${text.slice(0, SECTION_TEXT_LIMIT - 4)}\n…`;
}
