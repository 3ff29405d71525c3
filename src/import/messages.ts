// What `npm run cli -- import …` says, in English: the operator CLI speaks to the person at the
// terminal, not to a Slack user, so its words live with it rather than in the Slack catalogue.
// Each refusal says what is wrong and what to write instead; none repeats the cell it refuses.
import { reasonText } from '../../commands/shared/reasons.js';
import { messagesFor } from '../i18n/index.js';
import type { z } from 'zod';
import { isNotOneLineIssue } from '../../commands/shared/args.js';
import type { CsvProblem } from '../csv/read.js';

export interface LineProblem {
  line: number;
  problem: string;
}

export type ImportKind = 'agencies' | 'members' | 'participants';

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
}

const list = (names: readonly string[]) => names.join(', ');

export const IMPORT_TEXT = {
  usage: [
    '  import agencies <file.csv>              columns: code, name, kind, intake_channel, lang',
    '  import members <file.csv>               columns: team_id, user_id, agency, role',
    '  import participants <OPCODE> <file.csv> columns: agency, officers, support_staff, victim_services',
    '',
  ].join('\n'),
  csv: {
    unclosed_quote: 'a quoted field starts here and its closing quote " is missing; close it, or double a quote that belongs inside the text ("")',
    quote_in_unquoted_field: 'a quote " inside a field that does not start with one; put the whole field in quotes and double the quote inside ("")',
    text_after_closing_quote: 'text after a closing quote; put the whole field in quotes, and double each quote inside it ("")',
  } satisfies Record<CsvProblem, string>,
  notUtf8: 'the file is not UTF-8 text; save it again as "CSV UTF-8"',
  unreadable: (file: string, reason: string) => `Cannot read ${file}: ${reason}.\n`,
  noHeader: (columns: readonly string[]) => `the file is empty; its first line must name the columns: ${list(columns)}`,
  unknownColumn: (name: string, known: readonly string[]) => `unknown column "${name.slice(0, 40)}"; the columns are ${list(known)}`,
  repeatedColumn: (name: string) => `column ${name} is named twice; keep one`,
  missingColumn: (name: string) => `column ${name} is missing; add it to the first line`,
  fieldCount: (found: number, expected: number) => `${found} fields where the first line names ${expected} columns; a comma inside a value needs the value in quotes`,
  badCell: (column: string, value: string | undefined, issue: z.core.$ZodIssue) => {
    if (value === undefined) return `${column} is missing; every line needs one`;
    if (isNotOneLineIssue(issue)) return `${column} must be one line of plain text, without line breaks, tabs or invisible characters (such as those that reverse the direction of text)`;
    return `${column} ${reasonText(issue.message, messagesFor('en'))}`;
  },
  repeatedKey: (key: string, lines: readonly number[]) => `${key} appears on lines ${lines.join(', ')}; keep one line for it`,
  unknownAgency: (code: string) => `there is no agency ${code}; import it first (npm run cli -- import agencies), or correct the code`,
  unknownOperation: (code: string) => `There is no operation ${code}; create it with /op create, or correct the code.\n`,
  closedOperation: (code: string) => `Operation ${code} is closed; its participants can no longer change.\n`,
  badOperationCode: (problem: string) => `<OPCODE> ${problem}.\n`,
  line: (p: LineProblem) => `line ${p.line}: ${p.problem}\n`,
  nothingStored: (problems: number) =>
    `Nothing was stored: ${problems === 1 ? '1 problem' : `${problems} problems`}. Correct the lines above and import the file again.\n`,
  done: (kind: ImportKind, c: ImportCounts) => `${kind}: ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged\n`,
};
