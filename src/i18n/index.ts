// The message catalogue, keyed by locale. English is complete; other locales fall back to it.
import { en, type Messages } from './en.js';
import { fr } from './fr.js';

export type { Messages };
const catalogues: Record<string, Messages> = { en, fr };

export function messagesFor(locale = 'en'): Messages {
  return catalogues[locale.slice(0, 2)] ?? en;
}
