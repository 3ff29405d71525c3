// The forms around a referral: the /refer form, the decline reason and the close outcome.
import type { ModalView } from '@slack/types';
import { CLOSE_OUTCOMES, NEEDS, URGENCIES } from '../../db/vocabulary.js';
import type { Referral } from '../domain/referrals.js';
import type { Messages } from '../i18n/index.js';
import { IDS } from '../slack/ids.js';
import { input, mrkdwn, option, plain } from './elements.js';

export function buildDeclineModal(referral: Referral, msg: Messages, privateMetadata: string): ModalView {
  const m = msg.referral.declineModal;
  return {
    type: 'modal',
    callback_id: IDS.declineModal.callbackId,
    private_metadata: privateMetadata,
    title: plain(m.title(referral.ref)),
    submit: plain(m.submit),
    close: plain(msg.engage.modal.cancel),
    blocks: [
      { type: 'context', elements: [mrkdwn(m.explain)] },
      input(IDS.declineModal.reason, m.reason, { type: 'plain_text_input', multiline: true, max_length: 300 }, { hint: m.hint }),
    ],
  };
}

export function buildCloseModal(referral: Referral, msg: Messages, privateMetadata: string): ModalView {
  const m = msg.referral.closeModal;
  return {
    type: 'modal',
    callback_id: IDS.closeModal.callbackId,
    private_metadata: privateMetadata,
    title: plain(m.title(referral.ref)),
    submit: plain(m.submit),
    close: plain(msg.engage.modal.cancel),
    blocks: [
      input(IDS.closeModal.outcome, m.outcome, {
        type: 'radio_buttons',
        options: CLOSE_OUTCOMES.map((o) => option(o, msg.labels.outcome[o])),
      }),
    ],
  };
}

export function buildReferModal(
  engagements: Array<{ id: number; operationCode: string; ageBand: string; area: string | null }>,
  agencies: Array<{ code: string; name: string }>,
  msg: Messages,
  privateMetadata: string,
): ModalView {
  const m = msg.referral.referModal;
  const F = IDS.referModal;
  const engagementOptions = engagements.map((e) =>
    option(String(e.id), `E-${e.id} · ${e.operationCode} · ${e.ageBand}${e.area ? ` · ${e.area}` : ''}`.slice(0, 75)),
  );
  return {
    type: 'modal',
    callback_id: F.callbackId,
    private_metadata: privateMetadata,
    title: plain(m.title),
    submit: plain(m.submit),
    close: plain(msg.engage.modal.cancel),
    blocks: [
      { type: 'context', elements: [mrkdwn(msg.engage.modal.privacy)] },
      input(F.engagement, m.engagement, { type: 'static_select', options: engagementOptions }),
      input(F.to, m.to, { type: 'static_select', options: agencies.map((a) => option(a.code, `${a.code} — ${a.name}`.slice(0, 75))) }),
      input(F.needs, m.needs, { type: 'multi_static_select', options: NEEDS.map((n) => option(n, msg.labels.need[n])) }),
      input(F.urgency, m.urgency, { type: 'radio_buttons', options: URGENCIES.map((u) => option(u, msg.labels.urgency[u])) }),
      input(F.consent, m.consent, { type: 'checkboxes', options: [option('yes', m.consentOption)] }),
      input(F.note, m.note, { type: 'plain_text_input', multiline: true, max_length: 500 }, { optional: true, hint: msg.engage.modal.noteHint }),
    ],
  };
}
