// /refer: refer an engagement to a supporting agency, in the key=value form or through the form.
import { z } from 'zod';
import { NEEDS, URGENCIES, WITHDRAWAL_REASONS } from '../db/vocabulary.js';
import { buildReferModal } from '../src/blocks/referral-modals.js';
import { AppError } from '../src/domain/errors.js';
import { createReferral, receivingAgencies, recentEngagementsOf, transitionReferral } from '../src/domain/referrals.js';
import { operationsOpenForRecording } from '../src/domain/recording.js';
import { parseRef } from '../src/domain/references.js';
import { parseArgs, validateArgs, ZCode, ZYesNo, zListOf, zOneOf } from './shared/args.js';
import { requestContext, splitSubcommand } from './shared/context.js';
import { isHelp, reply, usageReply } from './shared/reply.js';
import type { CommandDefinition } from './shared/types.js';

const ZEngagementRef = z
  .string()
  .transform((v) => parseRef('E', v))
  .pipe(z.number({ error: 'must be an engagement reference such as E-12' }));

const ZReferralRef = z
  .string()
  .transform((v) => parseRef('R', v))
  .pipe(z.number({ error: 'must be a referral reference such as R-7' }));

const ZWithdraw = z.object({ referral: ZReferralRef, reason: zOneOf(WITHDRAWAL_REASONS) });

const ZRefer = z.object({
  engagement: ZEngagementRef,
  to: ZCode,
  needs: zListOf(NEEDS),
  urgency: zOneOf(URGENCIES),
  consent: ZYesNo,
  note: z.string().optional(),
});

export const referCommand: CommandDefinition = {
  name: '/refer',
  usage: (msg) => msg.usage.refer,
  async run(text, ctx) {
    const { msg } = ctx;
    if (isHelp(text)) return usageReply(msg.usage.refer);
    const request = await requestContext(ctx);
    if (text.trim() === '') {
      await operationsOpenForRecording(request); // the same permission check as logging
      const engagements = await recentEngagementsOf(ctx.tx, ctx.actor);
      if (engagements.length === 0) throw new AppError('not_found', msg.referral.noEngagementsYet);
      const agencies = await receivingAgencies(ctx.tx);
      if (agencies.length === 0) throw new AppError('not_found', msg.referral.noReceivingAgencies);
      return { kind: 'modal', view: buildReferModal(engagements, agencies, msg, JSON.stringify({ channel: ctx.channelId })) };
    }
    const { sub, rest } = splitSubcommand(text);
    if (sub === 'withdraw') {
      const input = validateArgs(ZWithdraw, parseArgs(rest), ['referral'], msg.usage.refer, msg);
      const referral = await transitionReferral(request, input.referral, 'withdraw', { withdrawalReason: input.reason });
      return reply(msg.referral.withdrawn(referral), { effects: [{ type: 'referral_changed', referralId: referral.id }] });
    }
    const input = validateArgs(ZRefer, parseArgs(text), ['engagement'], msg.usage.refer, msg);
    const referral = await createReferral(request, {
      engagementId: input.engagement,
      toAgencyCode: input.to,
      needs: input.needs,
      urgency: input.urgency,
      consent: input.consent,
      note: input.note,
    });
    return reply(msg.referral.created(referral), { effects: [{ type: 'post_referral_card', referralId: referral.id }] });
  },
};
