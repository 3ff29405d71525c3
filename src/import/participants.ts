// `import participants <OPCODE>`: agency, officers, support_staff, victim_services, as `/op join`
// takes them: a count left out keeps the one stored (0 for an agency joining).
import { z } from 'zod';
import { findAgencyByCode } from '../../db/queries/agencies.js';
import { findParticipation } from '../../db/queries/operations.js';
import { ZCode, ZCount } from '../../commands/shared/args.js';
import { joinOperation, type Operation } from '../domain/operations.js';
import { defineImporter } from './importer.js';
import { IMPORT_TEXT } from './messages.js';

export function participantsImporter(operation: Operation) {
  return defineImporter({
    kind: 'participants',
    schema: z.object({ agency: ZCode, officers: ZCount.optional(), support_staff: ZCount.optional(), victim_services: ZCount.optional() }),
    keyOf: (row) => row.agency,
    check: async (ctx, row) => ((await findAgencyByCode(ctx.tx, row.agency)) ? undefined : IMPORT_TEXT.unknownAgency(row.agency)),
    async apply(ctx, row) {
      const agency = (await findAgencyByCode(ctx.tx, row.agency))!;
      const existing = await findParticipation(ctx.tx, operation.id, agency.id);
      const wanted = {
        officers: row.officers ?? existing?.officers ?? 0,
        supportStaff: row.support_staff ?? existing?.supportStaff ?? 0,
        victimServices: row.victim_services ?? existing?.victimServices ?? 0,
      };
      if (existing && existing.officers === wanted.officers && existing.supportStaff === wanted.supportStaff && existing.victimServices === wanted.victimServices) {
        return 'unchanged';
      }
      await joinOperation(ctx, { operationCode: operation.code, agencyCode: agency.code, ...wanted });
      return existing ? 'updated' : 'added';
    },
  });
}
