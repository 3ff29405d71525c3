// The forms around a referral: the /refer form, the decline reason and the close outcome.
import type { ModalView } from '@slack/types';
import { CLOSE_OUTCOMES, NEEDS, URGENCIES } from '../../db/vocabulary.js';
import type { Referral } from '../domain/referrals.js';
import type { Messages } from '../i18n/index.js';
import { IDS } from '../slack/ids.js';
import { formModal, input, mrkdwn, option } from './elements.js';

export function buildDeclineModal(referral: Referral, msg: Messages, privateMetadata: string): ModalView {
  const m = msg.referral.declineModal;
  return formModal(
    {
      callbackId: IDS.declineModal.callbackId,
      privateMetadata,
      title: m.title(referral.ref),
      submit: m.submit,
      blocks: [
        { type: 'context', elements: [mrkdwn(m.explain)] },
        input(IDS.declineModal.reason, m.reason, { type: 'plain_text_input', multiline: true, max_length: 300 }, { hint: m.hint }),
      ],
    },
    msg,
  );
}

export function buildCloseModal(referral: Referral, msg: Messages, privateMetadata: string): ModalView {
  const m = msg.referral.closeModal;
  return formModal(
    {
      callbackId: IDS.closeModal.callbackId,
      privateMetadata,
      title: m.title(referral.ref),
      submit: m.submit,
      blocks: [
        input(IDS.closeModal.outcome, m.outcome, {
          type: 'radio_buttons',
          options: CLOSE_OUTCOMES.map((o) => option(o, msg.labels.outcome[o])),
        }),
      ],
    },
    msg,
  );
}

export function buildReferModal(
  engagements: Array<{ id: number; operationCode: string; ageBand: string; area: string | null }>,
  agencies: Array<{ code: string; name: string }>,
  msg: Messages,
  privateMetadata: string,
  chosenEngagement?: number,
): ModalView {
  const m = msg.referral.referModal;
  const F = IDS.referModal;
  const engagementOptions = engagements.map((e) =>
    option(String(e.id), `E-${e.id} · ${e.operationCode} · ${e.ageBand}${e.area ? ` · ${e.area}` : ''}`),
  );
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
