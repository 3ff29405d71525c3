// /refer: refer an engagement to a supporting agency, in the key=value form or through the form.
import { z } from 'zod';
import { reason } from './shared/reasons.js';
import { NEEDS, URGENCIES, WITHDRAWAL_REASONS } from '../db/vocabulary.js';
import { buildReferModal } from '../src/blocks/referral-modals.js';
import { AppError } from '../src/domain/errors.js';
import { createReferral, receivingAgencies, recentEngagementsOf, transitionReferral } from '../src/domain/referrals.js';
import { operationsOpenForRecording } from '../src/domain/recording.js';
import { parseRef } from '../src/domain/references.js';
import { parseArgs, validateArgs, validateArgsAndText, ZCode, ZYesNo, zListOf, zOneOf } from './shared/args.js';
import { type ReaderRequest, requestContext, splitSubcommand } from './shared/context.js';
import { isHelp, reply, usageReply } from './shared/reply.js';
import type { CommandDefinition } from './shared/types.js';
import type { View } from '@slack/types';

const ZEngagementRef = z
  .string()
  .transform((v) => parseRef('E', v))
  .pipe(z.number({ error: reason('engagementRef') }));

const ZReferralRef = z
  .string()
  .transform((v) => parseRef('R', v))
  .pipe(z.number({ error: reason('referralRef') }));

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
    if (text.trim() === '') return { kind: 'modal', view: await referForm(request, ctx.channelId) };
    const { sub, rest } = splitSubcommand(text);
    if (sub === 'withdraw') {
      const input = validateArgs(ZWithdraw, parseArgs(rest), ['referral'], msg.usage.refer, msg);
      const referral = await transitionReferral(request, input.referral, 'withdraw', { withdrawalReason: input.reason });
      return reply(msg.referral.withdrawn(referral), { effects: [{ type: 'referral_changed', referralId: referral.id }] });
    }
    const input = await validateArgsAndText(ZRefer, parseArgs(text), ['engagement'], msg.usage.refer, request, { note: 'note' });
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

/**
 * The referral form over the officer's recent engagements, with `chosen` selected (the `Refer`
 * button under "Logged E-n"); refused, saying what to type, when `chosen` is not among them.
 */
export async function referForm(request: ReaderRequest, channelId: string, chosen?: number): Promise<View> {
  const { tx, msg, principal } = request;
  await operationsOpenForRecording(request); // the same permission check as logging
  const engagements = await recentEngagementsOf(tx, principal.actor);
  if (chosen !== undefined && !engagements.some((e) => e.id === chosen)) throw new AppError('not_found', { problem: 'notRecentEngagement', ref: `E-${chosen}` });
  if (engagements.length === 0) throw new AppError('not_found', { problem: 'noEngagementsYet' });
  const agencies = await receivingAgencies(tx);
  if (agencies.length === 0) throw new AppError('not_found', { problem: 'noReceivingAgencies' });
  return buildReferModal(engagements, agencies, msg, JSON.stringify({ channel: channelId }), chosen);
}
