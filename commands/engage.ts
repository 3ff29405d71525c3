// /engage: log one person met, in the key=value form or through the form (no arguments).
import { z } from 'zod';
import { reason } from './shared/reasons.js';
import { AGE_BANDS, GENDERS } from '../db/vocabulary.js';
import { buildEngageModal } from '../src/blocks/engage-modal.js';
import { type LoggedEngagement, logEngagement } from '../src/domain/engagements.js';
import { mrkdwn } from '../src/blocks/elements.js';
import { engagementNextSteps } from '../src/blocks/next-steps.js';
import type { View } from '@slack/types';
import { AppError } from '../src/domain/errors.js';
import { operationsOpenForRecording } from '../src/domain/recording.js';
import { isClockTime, isIsoDate } from '../src/domain/time.js';
import type { Messages } from '../src/i18n/index.js';
import { parseArgs, validateArgsAndText, ZCode, ZYesNo, zOneOf } from './shared/args.js';
import { type ReaderRequest, requestContext } from './shared/context.js';
import { isHelp, usageReply } from './shared/reply.js';
import type { CommandDefinition, CommandResult } from './shared/types.js';

export const ZLanguage = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/, reason('languageCode'));

const ZAt = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, reason('dateTime'))
  .refine((v) => isIsoDate(v.slice(0, 10)) && isClockTime(v.slice(11)), reason('realDateTime'));

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
    if (text.trim() === '') return { kind: 'modal', view: await engageForm(request, ctx.channelId) };
    const input = await validateArgsAndText(ZEngage, parseArgs(text), ['operation'], msg.usage.engage, request, { note: 'note', area: 'area' });
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

/** "Logged E-n", with the next step as buttons (`Refer` when the person accepted support, `Log another`). */
export function engagementReply(logged: LoggedEngagement, msg: Messages, actor: { teamId: string; userId: string }): CommandResult & { kind: 'reply' } {
  const text = msg.engage.logged(logged.ref, logged.operation.code, logged.minor ? logged.agency.code : null);
  return {
    kind: 'reply',
    text,
    blocks: [{ type: 'section', text: mrkdwn(text) }, engagementNextSteps(logged, msg)],
    effects: [{ type: 'refresh_home', teamId: actor.teamId, userId: actor.userId }],
  };
}

/** The engagement form, or what to do when there is nothing to log in. */
export async function engageForm(request: ReaderRequest, channelId: string): Promise<View> {
  const operations = await operationsOpenForRecording(request);
  // Slack refuses a select with no options: say what to do instead of opening an empty form.
  if (operations.length === 0) throw new AppError('not_found', { problem: 'noOperations' });
  return buildEngageModal(operations, request.msg, JSON.stringify({ channel: channelId }));
}
