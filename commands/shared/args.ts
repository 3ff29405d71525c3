// Slash-command text → positionals and `key=value` options, then validation against a zod schema
// per command. Every problem is collected, so one answer names them all.
import { z } from 'zod';
import { reason, reasonText } from './reasons.js';
import { AppError } from '../../src/domain/errors.js';
import type { RequestContext } from '../../src/domain/context.js';
import { FREE_TEXT_LIMITS, type FreeTextField, freeTextProblem, withoutControlCharacters } from '../../src/domain/free-text.js';
import type { Messages } from '../../src/i18n/index.js';
import { truncate } from '../../src/domain/truncate.js';

export type ParseProblem = { kind: 'open_quote' } | { kind: 'repeated_key'; key: string };

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string>;
  /** Problems found while reading the text itself (an open quote, a key given twice). */
  problems: ParseProblem[];
}

/** Phones type curly quotes; people mean straight ones. */
const QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;

/** Slack's escapes: `<#C123|name>`, `<@U123|name>`, `<@U123>`, `<!here>`, and HTML entities. */
export function unescapeSlack(value: string): string {
  return value
    .replace(/<[#@]([A-Z0-9]+)(\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function parseArgs(text: string): ParsedArgs {
  const positionals: string[] = [];
  // No prototype: a key such as `constructor=` is just an unknown key.
  const options: Record<string, string> = Object.create(null);
  const problems: ParseProblem[] = [];
  const input = withoutControlCharacters(text).replace(QUOTES, '"').replace(/[\u00A0\u2000-\u200B]/g, ' ');

  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i]!)) i++;
    if (i >= input.length) break;
    let token = '';
    let key: string | null = null;
    let quoted = false;
    let openQuote = false;
    while (i < input.length && (openQuote || !/\s/.test(input[i]!))) {
      const ch = input[i]!;
      if (ch === '"') {
        openQuote = !openQuote;
        quoted = true;
      } else if (ch === '=' && !openQuote && key === null && !quoted && /^[A-Za-z_]+$/.test(token)) {
        key = token.toLowerCase();
        token = '';
      } else {
        token += ch;
      }
      i++;
    }
    if (openQuote) problems.push({ kind: 'open_quote' });
    const value = unescapeSlack(token);
    if (key === null) {
      positionals.push(value);
    } else if (key in options) {
      problems.push({ kind: 'repeated_key', key });
    } else {
      options[key] = value;
    }
  }
  return { positionals, options, problems };
}

/** `yes`/`no`, French `oui`/`non` (the contract accepts both wherever yes/no is asked), and their usual variants → boolean. */
const YES = new Set(['yes', 'y', 'true', 'oui']);
export const ZYesNo = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.enum(['yes', 'no', 'y', 'n', 'true', 'false', 'oui', 'non'], reason('yesNo')))
  .transform((v) => YES.has(v));

/** One of a fixed list, case-insensitive, with the list in the error. */
export function zOneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .pipe(z.enum(values, reason('oneOf', values.join(', '))));
}

/** A comma-separated list of values from a fixed list; repeats are dropped unless `keepRepeats`. */
export function zListOf<const T extends readonly [string, ...string[]]>(values: T, { keepRepeats = false } = {}) {
  return z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.enum(values, reason('listOf', values.join(', '))))
        .min(1, reason('listAtLeastOne', values.join(', '))),
    )
    .transform((list) => (keepRepeats ? list : [...new Set(list)]));
}

/**
 * What a name (of an agency, of an operation) may not hold. It is shown inside lists and cards, so a
 * line break would fake a line of its own (`/agency list`), and a bidi override, embedding, isolate
 * or mark (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F) would show it, and what follows it,
 * reordered. Refused rather than dropped, so what is stored is what the person sees they typed:
 * controls (\p{Cc}, tabs included), format characters (\p{Cf}), line and paragraph separators,
 * private-use characters and lone surrogates. The zero-width joiner and non-joiner stay: they are
 * part of ordinary writing in several scripts and of emoji sequences, and reorder nothing.
 */
const NOT_ONE_LINE = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/u;

/** The zod issue that validateArgs answers with the catalogue's `notOneLine`. */
const ONE_LINE_ISSUE = { params: { problem: 'not_one_line' } } as const;

/** True for ZName's refusal of a name that is not one line of plain text (its message is the caller's). */
export function isNotOneLineIssue(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'custom' && issue.params?.problem === ONE_LINE_ISSUE.params.problem;
}

/** A name: one line of plain text, 2 to 80 characters. */
export const ZName = z
  .string()
  .trim()
  .min(2, reason('atLeastCharacters', '2'))
  .max(80, reason('atMostCharacters', '80'))
  .refine((v) => !NOT_ONE_LINE.test(v), ONE_LINE_ISSUE);

/** A short code: letters, digits and dashes, stored upper-case. */
export const ZCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$/, reason('code'))
  .transform((v) => v.toUpperCase());

/** A personnel count: a whole number from 0 to 10,000 (a larger one is a typo, or an attempt to inflate the figures). */
export const ZCount = z
  .string()
  .regex(/^\d{1,5}$/, reason('count'))
  .transform(Number)
  .pipe(z.number().max(10_000, reason('count')));

export const ZChannelId = z.string().regex(/^[CG][A-Z0-9]{2,}$/, reason('channel'));
export const ZUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, reason('person'));
/** A Slack organisation: a workspace (T…) or an Enterprise Grid organisation (E…). */
export const ZTeamId = z.string().regex(/^[TE][A-Z0-9]{2,}$/, reason('team'));

/** zod compiles a schema on its first parse: keep one strict copy per schema rather than one per request. */
const strictSchemas = new WeakMap<z.ZodObject, z.ZodObject>();
function strictSchema(schema: z.ZodObject): z.ZodObject {
  let strict = strictSchemas.get(schema);
  if (!strict) {
    strict = schema.strict();
    strictSchemas.set(schema, strict);
  }
  return strict;
}

/**
 * Validates `args` against `schema`: positionals are named by `positionalNames` in order, options
 * by their keys. Throws one AppError listing every problem, followed by the usage.
 */
export function validateArgs<S extends z.ZodObject>(
  schema: S,
  args: ParsedArgs,
  positionalNames: readonly string[],
  usage: string,
  msg: Messages,
): z.output<S> {
  const checked = checkArgs(schema, args, positionalNames, msg);
  if (!checked.ok) throw invalidInput(checked.problems, usage);
  return checked.data;
}

/**
 * `validateArgs` for a command with free text: when the arguments have problems, the data guard's
 * findings in its free text (`note=`, `area=`) are listed with them, so one refusal names every
 * problem. Free text in otherwise valid arguments is checked by the domain as it is stored.
 */
export async function validateArgsAndText<S extends z.ZodObject>(
  schema: S,
  args: ParsedArgs,
  positionalNames: readonly string[],
  usage: string,
  ctx: Pick<RequestContext, 'deps' | 'tx'> & { msg: Messages },
  freeText: Readonly<Record<string, FreeTextField>>,
): Promise<z.output<S>> {
  const checked = checkArgs(schema, args, positionalNames, ctx.msg);
  if (checked.ok) return checked.data;
  const problems = [...checked.problems];
  for (const [key, field] of Object.entries(freeText)) {
    const found = await freeTextProblem(ctx, field, args.options[key]);
    if (found) problems.push(ctx.msg.dataGuard.listed(`\`${key}=\``, found, FREE_TEXT_LIMITS[field]));
  }
  throw invalidInput(problems, usage);
}

function checkArgs<S extends z.ZodObject>(
  schema: S,
  args: ParsedArgs,
  positionalNames: readonly string[],
  msg: Messages,
): { ok: true; data: z.output<S> } | { ok: false; problems: string[] } {
  const m = msg.parse;
  const problems = args.problems.map((p) => (p.kind === 'open_quote' ? m.openQuote : m.repeatedKey(p.key)));
  const input: Record<string, string> = Object.create(null);
  args.positionals.forEach((value, index) => {
    const name = positionalNames[index];
    if (name === undefined) problems.push(m.unexpected(truncate(value, 40)));
    else input[name] = value;
  });
  for (const [key, value] of Object.entries(args.options)) {
    if (positionalNames.includes(key)) problems.push(m.unknownKey(key));
    else input[key] = value;
  }
  const result = strictSchema(schema).safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) problems.push(m.unknownKey(key));
        continue;
      }
      const field = String(issue.path[0] ?? '');
      const isPositional = positionalNames.includes(field);
      const label = isPositional ? `\`<${field}>\`` : `\`${field}=\``;
      if (input[field] === undefined) problems.push(m.missing(label));
      else if (isNotOneLineIssue(issue)) problems.push(m.notOneLine(label));
      else problems.push(m.badValue(label, reasonText(issue.message, msg)));
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, data: result.data as z.output<S> };
}

export function invalidInput(problems: string[], usage: string): AppError {
  return new AppError('invalid_input', { problem: 'badArguments', problems: [...new Set(problems)], usage });
}
