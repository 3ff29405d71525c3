// Free text (notes, areas, decline reasons) passes the data guard before anything is stored.
import type { Messages } from '../i18n/index.js';
import { findPersonalData } from './data-guard.js';
import { AppError } from './errors.js';

export type FreeTextField = 'note' | 'area' | 'reason';

export const FREE_TEXT_LIMITS: Record<FreeTextField, number> = { note: 500, area: 60, reason: 300 };

/** The text, trimmed, or undefined when empty; refuses personal data and over-long text. */
export function checkFreeText(field: FreeTextField, text: string | undefined, msg: Messages): string | undefined {
  const value = text?.replace(/\s+/g, ' ').trim();
  if (!value) return undefined;
  if (value.length > FREE_TEXT_LIMITS[field]) {
    throw new AppError('invalid_input', msg.dataGuard.tooLong(field, FREE_TEXT_LIMITS[field]), { field });
  }
  const found = findPersonalData(value);
  if (found) throw new AppError('data_guard', msg.dataGuard.refused(field, found), { field });
  return value;
}
