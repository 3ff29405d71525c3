// Small Block Kit element builders shared by the views.
import type { ModalView, PlainTextOption } from '@slack/types';
import { truncate } from '../domain/truncate.js';
import type { Messages } from '../i18n/index.js';

/**
 * Text people typed (areas, notes, reasons, names), made safe for mrkdwn: Slack reads `<!channel>`,
 * `<@U…>` and `<http://…|label>` as live mentions and links unless &, < and > are escaped.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

/** Slack refuses a form whose option text is longer than this. */
export const OPTION_TEXT_LIMIT = 75;

/** An option; a label too long for Slack (an agency's name, an area) is cut between characters. */
export function option(value: string, label: string): PlainTextOption {
  return { text: plain(truncate(label, OPTION_TEXT_LIMIT, '…')), value };
}

/** An input block whose single element's action_id is the same as its block_id. */
export function input(id: string, label: string, element: Record<string, unknown>, opts: { optional?: boolean; hint?: string } = {}) {
  return {
    type: 'input' as const,
    block_id: id,
    label: plain(label),
    optional: opts.optional ?? false,
    ...(opts.hint ? { hint: plain(opts.hint) } : {}),
    element: { ...element, action_id: id },
  };
}

/** A form: sent with its own submit label, dismissed with the catalogue's Cancel. */
export function formModal(
  form: { callbackId: string; privateMetadata: string; title: string; submit: string; blocks: ModalView['blocks'] },
  msg: Messages,
): ModalView {
  return {
    type: 'modal',
    callback_id: form.callbackId,
    private_metadata: form.privateMetadata,
    title: plain(form.title),
    submit: plain(form.submit),
    close: plain(msg.engage.modal.cancel),
    blocks: form.blocks,
  };
}
