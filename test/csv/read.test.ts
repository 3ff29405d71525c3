// The CSV reader: RFC 4180 as spreadsheets write it, and the physical line each record starts on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/csv/read.js';

/** A plain RFC 4180 writer: a field is quoted when it holds a quote, a comma or a line break. */
function write(table: string[][], lineBreak: string): string {
  const field = (v: string) => (/[",\r\n]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v);
  return table.map((row) => row.map(field).join(',')).join(lineBreak) + lineBreak;
}

const records = (text: string) => {
  const reading = readCsv(text);
  if (!reading.ok) throw new Error(`unreadable: line ${reading.line} ${reading.problem}`);
  return reading.records;
};

describe('readCsv', () => {
  it('reads quoted fields, doubled quotes, and commas and line breaks inside quotes', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nplain,,"also\nLF"\r\nlast,one,row';
    expect(records(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\r\nlines'] },
      { line: 4, fields: ['plain', '', 'also\nLF'] },
      { line: 6, fields: ['last', 'one', 'row'] },
    ]);
  });

  it('drops a UTF-8 byte order mark, a trailing empty line and blank lines, and keeps counting them', () => {
    expect(records('\uFEFFcode,name\n\nA,Ä\n\n')).toEqual([
      { line: 1, fields: ['code', 'name'] },
      { line: 3, fields: ['A', 'Ä'] },
    ]);
  });

  it('takes a lone CR as a line break, as older spreadsheets write it', () => {
    expect(records('a\rb\r')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['b'] },
    ]);
  });

  it('keeps an empty quoted field and a final field with no line break after it', () => {
    expect(records('"",x\n"a",""')).toEqual([
      { line: 1, fields: ['', 'x'] },
      { line: 2, fields: ['a', ''] },
    ]);
  });

  it.each([
    ['a,"open\nstill open', 1, 'unclosed_quote'],
    ['a,b\nc,d"e', 2, 'quote_in_unquoted_field'],
    ['a\n"x\ny"z,b', 3, 'text_after_closing_quote'],
  ] as const)('refuses %j, naming line %i', (text, line, problem) => {
    expect(readCsv(text)).toEqual({ ok: false, line, problem });
  });

  it('reads back what a writer wrote, whatever the text, with the line numbers an editor shows', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', '"', '\n', '\r\n', 'x') });
    // A record of one empty field is a blank line, which the reader leaves out by design.
    const row = (width: number) => fc.array(cell, { minLength: width, maxLength: width }).filter((r) => r.length > 1 || r[0] !== '');
    const table = fc.integer({ min: 1, max: 4 }).chain((width) => fc.array(row(width), { minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), (rows, lineBreak) => {
        const read = records(write(rows, lineBreak));
        expect(read.map((r) => r.fields)).toEqual(rows);
        let line = 1;
        rows.forEach((row, i) => {
          expect(read[i]!.line).toBe(line);
          line += 1 + row.join(',').split(/\r\n|\n/).length - 1;
        });
      }),
    );
  });
});
