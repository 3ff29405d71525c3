// /engage: log one person met, in the key=value form or through the form (no arguments).
import { z } from 'zod';
import { AGE_BANDS, GENDERS } from '../db/vocabulary.js';
import { buildEngageModal } from '../src/blocks/engage-modal.js';
import { logEngagement } from '../src/domain/engagements.js';
import { AppError } from '../src/domain/errors.js';
import { operationsOpenForRecording } from '../src/domain/recording.js';
import { isClockTime, isIsoDate } from '../src/domain/time.js';
import type { Messages } from '../src/i18n/index.js';
import { parseArgs, validateArgs, ZCode, ZYesNo, zOneOf } from './shared/args.js';
import { requestContext } from './shared/context.js';
import { isHelp, reply, usageReply } from './shared/reply.js';
import type { CommandDefinition, CommandResult } from './shared/types.js';

export const ZLanguage = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/, 'must be a language code such as en, fr or es');

const ZAt = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be written YYYY-MM-DDTHH:MM')
  .refine((v) => isIsoDate(v.slice(0, 10)) && isClockTime(v.slice(11)), 'is not a real date and time');

const ZEngage = z.object({
  operation: ZCode,
  age: zOneOf(AGE_BANDS),
  gender: zOneOf(GENDERS),
  offered: ZYesNo,
  accepted: ZYesNo,
  safety_ensured: ZYesNo.optional(),
  agency: ZCode.optional(),
  area: z.string().optional(),
  language: ZLanguage.optional(),
  at: ZAt.optional(),
  note: z.string().optional(),
});

export const engageCommand: CommandDefinition = {
  name: '/engage',
  usage: (msg) => msg.usage.engage,
  async run(text, ctx) {
    const { msg } = ctx;
    if (isHelp(text)) return usageReply(msg.usage.engage);
    const request = await requestContext(ctx);
    if (text.trim() === '') {
      const operations = await operationsOpenForRecording(request);
      // Slack refuses a select with no options: say what to do instead of opening an empty form.
      if (operations.length === 0) throw new AppError('not_found', msg.engage.noOperations);
      return { kind: 'modal', view: buildEngageModal(operations, msg, JSON.stringify({ channel: ctx.channelId })) };
    }
    const input = validateArgs(ZEngage, parseArgs(text), ['operation'], msg.usage.engage, msg);
    return engagementReply(
      await logEngagement(request, {
        operationCode: input.operation,
        ageBand: input.age,
        gender: input.gender,
        offered: input.offered,
        accepted: input.accepted,
        safetyEnsured: input.safety_ensured,
        agencyCode: input.agency,
        area: input.area,
        language: input.language,
        at: input.at,
        note: input.note,
      }),
      msg,
      ctx.actor,
    );
  },
};

export function engagementReply(logged: Awaited<ReturnType<typeof logEngagement>>, msg: Messages, actor: { teamId: string; userId: string }): CommandResult {
  return reply(msg.engage.logged(logged.ref, logged.operation.code, logged.minor ? logged.agency.code : null), {
    effects: [{ type: 'refresh_home', teamId: actor.teamId, userId: actor.userId }],
  });
}
