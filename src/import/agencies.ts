// `import agencies`: code, name, kind, intake_channel, lang, as `/agency add` takes them.
import { z } from 'zod';
import { findAgencyByCode } from '../../db/queries/agencies.js';
import { AGENCY_KINDS, LANGUAGES } from '../../db/vocabulary.js';
import { ZChannelId, ZCode, ZName, zOneOf } from '../../commands/shared/args.js';
import { addAgency, updateAgency } from '../domain/agencies.js';
import { defineImporter } from './importer.js';

export const agenciesImporter = defineImporter({
  kind: 'agencies',
  schema: z.object({ code: ZCode, name: ZName, kind: zOneOf(AGENCY_KINDS), intake_channel: ZChannelId.optional(), lang: zOneOf(LANGUAGES).optional() }),
  keyOf: (row) => row.code,
  check: async () => undefined,
  async apply(ctx, row) {
    // The CLI has no workspace to give a new intake channel; a single-workspace install needs none.
    const input = { code: row.code, name: row.name, kind: row.kind, intakeChannelId: row.intake_channel, intakeTeamId: null, lang: row.lang };
    if (!(await findAgencyByCode(ctx.tx, row.code))) {
      await addAgency(ctx, input);
      return 'added';
    }
    const { changed } = await updateAgency(ctx, input);
    return changed.length > 0 ? 'updated' : 'unchanged';
  },
});
