// Free text (notes, areas, decline reasons) passes the data guard before anything is stored.
import type { Messages } from '../i18n/index.js';
import { findPersonalData } from './data-guard.js';
import { AppError } from './errors.js';

export type FreeTextField = 'note' | 'area' | 'reason';

export const FREE_TEXT_LIMITS: Record<FreeTextField, number> = { note: 500, area: 60, reason: 300 };

/**
 * Control characters (NUL above all, which PostgreSQL refuses to store) never mean anything in
 * what a person types: they are dropped wherever text comes in. Tabs and line breaks stay.
 */
export function withoutControlCharacters(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}

/** The text, trimmed, or undefined when empty; refuses personal data and over-long text. */
export function checkFreeText(field: FreeTextField, text: string | undefined, msg: Messages): string | undefined {
  const value = text === undefined ? undefined : withoutControlCharacters(text).replace(/\s+/g, ' ').trim();
  if (!value) return undefined;
  if (value.length > FREE_TEXT_LIMITS[field]) {
    throw new AppError('invalid_input', msg.dataGuard.tooLong(field, FREE_TEXT_LIMITS[field]), { field });
  }
  const found = findPersonalData(value);
  if (found) throw new AppError('data_guard', msg.dataGuard.refused(field, found), { field });
  return value;
}
