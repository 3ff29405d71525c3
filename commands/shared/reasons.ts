// Why a value was refused, as a code the reader's catalogue turns into words. The zod schemas are
// built once and shared by every reader, so their messages cannot be sentences in one language:
// each carries `reason(key, detail)` instead, and whoever shows the refusal renders it with
// `reasonText` in the reader's language.
import type { Messages } from '../../src/i18n/index.js';

export type ReasonKey = keyof Messages['parse']['reasons'];

const SEPARATOR = '\u001f';

/** A zod message that names a reason (and its detail: the allowed values, …) rather than saying it. */
export function reason(key: ReasonKey, detail = ''): string {
  return `${key}${SEPARATOR}${detail}`;
}

/** The refusal's words in the reader's language; a message that is not a reason is shown as it is. */
export function reasonText(message: string, msg: Messages): string {
  const at = message.indexOf(SEPARATOR);
  if (at < 0) return message;
  const render = msg.parse.reasons[message.slice(0, at) as ReasonKey];
  return render ? render(message.slice(at + 1)) : message;
}
