// The forms around a referral: the /refer form, the decline reason, the close outcome and the withdrawal reason.
import type { ModalView } from '@slack/types';
import { CLOSE_OUTCOMES, NEEDS, URGENCIES, WITHDRAWAL_REASONS } from '../../db/vocabulary.js';
import type { Referral } from '../domain/referrals.js';
import type { ReferableEngagement } from '../domain/referrals.js';
import type { Messages } from '../i18n/index.js';
import { IDS } from '../slack/ids.js';
import { formModal, input, mrkdwn, option } from './elements.js';

/** A form about one referral, titled with its reference: what a transition asks before it happens. */
function referralForm(
  referral: Referral,
  form: { callbackId: string; texts: { title: (ref: string) => string; submit: string }; blocks: Parameters<typeof formModal>[0]['blocks'] },
  msg: Messages,
  privateMetadata: string,
): ModalView {
  return formModal({ callbackId: form.callbackId, privateMetadata, title: form.texts.title(referral.ref), submit: form.texts.submit, blocks: form.blocks }, msg);
}

export function buildDeclineModal(referral: Referral, msg: Messages, privateMetadata: string): ModalView {
  const m = msg.referral.declineModal;
  const blocks = [
    { type: 'context' as const, elements: [mrkdwn(m.explain)] },
    input(IDS.declineModal.reason, m.reason, { type: 'plain_text_input', multiline: true, max_length: 300 }, { hint: m.hint }),
  ];
  return referralForm(referral, { callbackId: IDS.declineModal.callbackId, texts: m, blocks }, msg, privateMetadata);
}

export function buildCloseModal(referral: Referral, msg: Messages, privateMetadata: string): ModalView {
  const m = msg.referral.closeModal;
  const blocks = [input(IDS.closeModal.outcome, m.outcome, { type: 'radio_buttons', options: CLOSE_OUTCOMES.map((o) => option(o, msg.labels.outcome[o])) })];
  return referralForm(referral, { callbackId: IDS.closeModal.callbackId, texts: m, blocks }, msg, privateMetadata);
}

export function buildWithdrawModal(referral: Referral, msg: Messages, privateMetadata: string): ModalView {
  const m = msg.referral.withdrawModal;
  const blocks = [
    { type: 'context' as const, elements: [mrkdwn(m.explain)] },
    input(IDS.withdrawModal.reason, m.reason, {
      type: 'radio_buttons',
      options: WITHDRAWAL_REASONS.map((r) => option(r, msg.labels.withdrawalReason[r])),
    }),
  ];
  return referralForm(referral, { callbackId: IDS.withdrawModal.callbackId, texts: m, blocks }, msg, privateMetadata);
}

export function buildReferModal(
  engagements: ReferableEngagement[],
  agencies: Array<{ code: string; name: string }>,
  msg: Messages,
  privateMetadata: string,
  chosenEngagement?: number,
): ModalView {
  const m = msg.referral.referModal;
  const F = IDS.referModal;
  const engagementOptions = engagements.map((e) => option(String(e.id), m.engagementOption(e)));
  const chosen = engagementOptions.find((o) => o.value === String(chosenEngagement));
  return formModal(
    {
      callbackId: F.callbackId,
      privateMetadata,
      title: m.title,
      submit: m.submit,
      blocks: [
        { type: 'context', elements: [mrkdwn(msg.engage.modal.privacy)] },
        input(F.engagement, m.engagement, { type: 'static_select', options: engagementOptions, ...(chosen ? { initial_option: chosen } : {}) }),
        input(F.to, m.to, { type: 'static_select', options: agencies.map((a) => option(a.code, `${a.code} — ${a.name}`)) }),
        input(F.needs, m.needs, { type: 'multi_static_select', options: NEEDS.map((n) => option(n, msg.labels.need[n])) }),
        input(F.urgency, m.urgency, { type: 'radio_buttons', options: URGENCIES.map((u) => option(u, msg.labels.urgency[u])) }),
        input(F.consent, m.consent, { type: 'checkboxes', options: [option('yes', m.consentOption)] }),
        input(F.note, m.note, { type: 'plain_text_input', multiline: true, max_length: 500 }, { optional: true, hint: msg.engage.modal.noteHint }),
      ],
    },
    msg,
  );
}
