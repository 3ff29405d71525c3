// Reading RFC 4180 CSV, as spreadsheets save it, into records that know the physical line they
// start on: an import names a wrong line by the number its author sees in a text editor, so a quoted
// field that holds line breaks moves every later record down by as many lines.
//
// Our own small reader rather than a package: the project cannot add one without an install step,
// the grammar is a page long, and the line numbers we need are ours to define (test/csv-read.test.ts
// checks it against a writer on random tables).

export interface CsvRecord {
  /** The physical line (1-based) the record starts on. */
  line: number;
  fields: string[];
}

export type CsvReading = { ok: true; records: CsvRecord[] } | { ok: false; line: number; problem: CsvProblem };

/** What makes a file unreadable; past it nothing can be trusted, so reading stops there. */
export type CsvProblem = 'unclosed_quote' | 'quote_in_unquoted_field' | 'text_after_closing_quote';

const BOM = '\uFEFF';

/**
 * Splits `text` into records. Line breaks are CRLF, LF or a lone CR (older spreadsheets), outside
 * quotes ending a record and inside them kept as written. A record with no text at all (a blank
 * line, the usual trailing one included) is left out; what it means is left to the caller.
 */
export function readCsv(text: string): CsvReading {
  const input = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  /** The current field was quoted: it is complete, and only a comma or a line break may follow. */
  let closed = false;
  let i = 0;

  const endField = () => {
    fields.push(field);
    field = '';
    closed = false;
  };
  const endRecord = () => {
    endField();
    if (fields.length > 1 || fields[0] !== '') records.push({ line: recordLine, fields });
    fields = [];
  };
  /** The length of the line break at `at`, or 0. */
  const lineBreakAt = (at: number) => (input[at] === '\r' ? (input[at + 1] === '\n' ? 2 : 1) : input[at] === '\n' ? 1 : 0);

  while (i < input.length) {
    const ch = input[i]!;
    const lineBreak = lineBreakAt(i);
    if (ch === ',') {
      endField();
      i++;
    } else if (lineBreak > 0) {
      endRecord();
      i += lineBreak;
      line++;
      recordLine = line;
    } else if (closed) {
      return { ok: false, line, problem: 'text_after_closing_quote' };
    } else if (ch === '"') {
      if (field !== '') return { ok: false, line, problem: 'quote_in_unquoted_field' };
      const openedOn = line;
      i++;
      for (;;) {
        if (i >= input.length) return { ok: false, line: openedOn, problem: 'unclosed_quote' };
        if (input[i] === '"' && input[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (input[i] === '"') {
          i++;
          break;
        } else {
          const inner = lineBreakAt(i);
          if (inner > 0) line++;
          field += input.slice(i, i + Math.max(inner, 1));
          i += Math.max(inner, 1);
        }
      }
      closed = true;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || closed || fields.length > 0) endRecord();
  return { ok: true, records };
}
