// /charge: log one person charged, with the offences.
import { z } from 'zod';
import { OFFENCE_SECTIONS } from '../db/vocabulary.js';
import { logCharge } from '../src/domain/charges.js';
import { parseArgs, validateArgsAndText, ZCode, zListOf } from './shared/args.js';
import { requestContext } from './shared/context.js';
import { isHelp, reply, usageReply } from './shared/reply.js';
import type { CommandDefinition } from './shared/types.js';

const ZCharge = z.object({
  operation: ZCode,
  offences: zListOf(OFFENCE_SECTIONS, { keepRepeats: true }),
  agency: ZCode.optional(),
  note: z.string().optional(),
});

export const chargeCommand: CommandDefinition = {
  name: '/charge',
  usage: (msg) => msg.usage.charge,
  async run(text, ctx) {
    const { msg } = ctx;
    if (text.trim() === '' || isHelp(text)) return usageReply(msg.usage.charge);
    const request = await requestContext(ctx);
    const input = await validateArgsAndText(ZCharge, parseArgs(text), ['operation'], msg.usage.charge, request, { note: 'note' });
    const logged = await logCharge(request, {
      operationCode: input.operation,
      offences: input.offences,
      agencyCode: input.agency,
      note: input.note,
    });
    return reply(msg.charge.logged(logged.ref, input.offences));
  },
};
