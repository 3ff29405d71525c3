// Small Block Kit element builders shared by the views.
import type { PlainTextOption } from '@slack/types';

/**
 * Text people typed (areas, notes, reasons, names), made safe for mrkdwn: Slack reads `<!channel>`,
 * `<@U…>` and `<http://…|label>` as live mentions and links unless &, < and > are escaped.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

export function option(value: string, label: string): PlainTextOption {
  return { text: plain(label), value };
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
