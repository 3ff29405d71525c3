// Small constructors for the reply values commands return.
import type { CommandResult } from './types.js';

export function reply(text: string, extra: Omit<Extract<CommandResult, { kind: 'reply' }>, 'kind' | 'text'> = {}): CommandResult {
  return { kind: 'reply', text, ...extra };
}

export function usageReply(usage: string): CommandResult {
  return reply(usage);
}

/** `help`, `?` or nothing at all asks for the usage. */
export function isHelp(text: string): boolean {
  const t = text.trim().toLowerCase();
  return t === 'help' || t === '?' || t === '-h' || t === '--help';
}
