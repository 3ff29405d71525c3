// Free text (notes, areas, decline reasons) passes the data guard before anything is stored.
import type { Database } from '../../db/database.js';
import { listRegisteredNames } from '../../db/queries/agencies.js';
import type { RequestContext } from './context.js';
import { findPersonalData, type PersonalDataKind } from './data-guard.js';
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

/**
 * How long the registered names are reused before they are read again. A name registered since is
 * not yet known for that long: the guard is then stricter about it, never laxer.
 */
const NAMES_TTL_MS = 60_000;
const namesCache = new WeakMap<Database, { at: number; names: readonly string[] }>();

/**
 * The names and codes of the agencies and operations registered in Liaison ("Hiatus House" is an
 * agency, not a woman called Hiatus). The same array is handed out until it is read again, so the
 * guard builds its lookup once.
 */
export async function registeredNames(ctx: Pick<RequestContext, 'deps' | 'tx'>): Promise<readonly string[]> {
  const cached = namesCache.get(ctx.deps.db);
  if (cached && Date.now() - cached.at < NAMES_TTL_MS) return cached.names;
  const names = await listRegisteredNames(ctx.tx);
  namesCache.set(ctx.deps.db, { at: Date.now(), names });
  return names;
}

/** A name was registered here: read them again at the next check (other instances do within the minute). */
export function forgetRegisteredNames(db: Database): void {
  namesCache.delete(db);
}

/** The text, trimmed, or undefined when empty; refuses personal data and over-long text. */
export async function checkFreeText(ctx: RequestContext, field: FreeTextField, text: string | undefined): Promise<string | undefined> {
  const value = cleanFreeText(text);
  if (!value) return undefined;
  const problem = await freeTextProblem(ctx, field, value);
  if (problem === 'too_long') throw new AppError('invalid_input', { problem: 'tooLong', field, limit: FREE_TEXT_LIMITS[field] }, { field });
  if (problem) throw new AppError('data_guard', { problem: 'personalData', field, kind: problem }, { field });
  return value;
}

/**
 * What is wrong with a free text, without refusing it: a command that has other problems too
 * lists this one with them, so the officer mends everything at once.
 */
export async function freeTextProblem(ctx: Pick<RequestContext, 'deps' | 'tx'>, field: FreeTextField, text: string | undefined): Promise<PersonalDataKind | 'too_long' | undefined> {
  const value = cleanFreeText(text);
  if (!value) return undefined;
  if (value.length > FREE_TEXT_LIMITS[field]) return 'too_long';
  return findPersonalData(value, { knownNames: await registeredNames(ctx) }) ?? undefined;
}

function cleanFreeText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : withoutControlCharacters(text).replace(/\s+/g, ' ').trim() || undefined;
}
