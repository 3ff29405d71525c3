// `import members`: team_id, user_id, agency, role: the people of partner agencies, by their Slack
// IDs, registered as `/agency member` registers them (an operator may move a person between agencies).
import { z } from 'zod';
import { findAgencyByCode } from '../../db/queries/agencies.js';
import { findMembership } from '../../db/queries/members.js';
import { ROLES } from '../../db/vocabulary.js';
import { ZCode, ZTeamId, ZUserId, zOneOf } from '../../commands/shared/args.js';
import { setMembers } from '../domain/agencies.js';
import { AppError } from '../domain/errors.js';
import { defineImporter } from './importer.js';
import { IMPORT_TEXT } from './messages.js';

export const membersImporter = defineImporter({
  kind: 'members',
  schema: z.object({ team_id: ZTeamId, user_id: ZUserId, agency: ZCode, role: zOneOf(ROLES) }),
  keyOf: (row) => `${row.team_id}:${row.user_id}`,
  check: async (ctx, row) => ((await findAgencyByCode(ctx.tx, row.agency)) ? undefined : IMPORT_TEXT.unknownAgency(row.agency)),
  async apply(ctx, row) {
    const existing = await findMembership(ctx.tx, { teamId: row.team_id, userId: row.user_id });
    if (existing && existing.agencyCode === row.agency && existing.role === row.role) return 'unchanged';
    const { outcomes } = await setMembers(ctx, { userIds: [row.user_id], agencyCode: row.agency, role: row.role, teamId: row.team_id });
    const [outcome] = outcomes;
    if ('refusal' in outcome!) throw new AppError('forbidden', outcome.refusal);
    return existing ? 'updated' : 'added';
  },
});
