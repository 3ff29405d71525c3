// The /engage form: every field a tap, typed text only where a category cannot do (area, note).
import type { KnownBlock, ModalView } from '@slack/types';
import { AGE_BANDS, GENDERS } from '../../db/vocabulary.js';
import type { Messages } from '../i18n/index.js';
import { IDS } from '../slack/ids.js';
import { formModal, input, mrkdwn, option, plain } from './elements.js';

const F = IDS.engageModal;

export function buildEngageModal(operations: Array<{ code: string; name: string }>, msg: Messages, privateMetadata: string): ModalView {
  const m = msg.engage.modal;
  const yesNo = [option('yes', m.yes), option('no', m.no)];
  const opOptions = operations.map((o) => option(o.code, `${o.code} — ${o.name}`));
  return formModal(
    {
      callbackId: F.callbackId,
      privateMetadata,
      title: m.title,
      submit: m.submit,
      blocks: [
        { type: 'context', elements: [mrkdwn(m.privacy)] },
        input(F.operation, m.operation, {
          type: 'static_select',
          options: opOptions,
          ...(opOptions.length === 1 ? { initial_option: opOptions[0] } : {}),
        }),
        input(F.age, m.age, { type: 'static_select', options: AGE_BANDS.map((a) => option(a, msg.labels.ageBand[a])) }),
        input(F.gender, m.gender, { type: 'radio_buttons', options: GENDERS.map((g) => option(g, msg.labels.gender[g])) }),
        input(F.offered, m.offered, { type: 'radio_buttons', options: yesNo }),
        input(F.accepted, m.accepted, { type: 'radio_buttons', options: yesNo }),
        input(F.safety, m.safety, { type: 'checkboxes', options: [option('yes', m.safetyOption)] }, { optional: true }),
        input(F.area, m.area, { type: 'plain_text_input', max_length: 60 }, { optional: true, hint: m.areaHint }),
        input(F.language, m.language, { type: 'plain_text_input', max_length: 12 }, { optional: true, hint: m.languageHint }),
        input(F.note, m.note, { type: 'plain_text_input', multiline: true, max_length: 500 }, { optional: true, hint: m.noteHint }),
      ],
    },
    msg,
  );
}

/** What the form shows once the record is stored: the reference, and the reminder for a minor. */
/** What a submitted form became, with the next step's buttons when there is one. */
export function buildDoneModal(title: string, text: string, msg: Messages, next?: KnownBlock): ModalView {
  return {
    type: 'modal',
    callback_id: IDS.doneModal.callbackId,
    title: plain(title),
    close: plain(msg.common.ok),
    blocks: [{ type: 'section', text: mrkdwn(text) }, ...(next ? [next] : [])],
  };
}
