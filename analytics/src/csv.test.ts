import { describe, expect, it } from 'vitest';
import { CsvParser, csvLine, parseCsv } from './csv.ts';

function parseInChunks(text: string, size: number): string[][] {
  const parser = new CsvParser();
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
  return [...out, ...parser.end()];
}

describe('CSV parsing', () => {
  const text = '\ufeffid,name,note\r\n1,"Smith, J.","said ""hi""\non two lines"\r\n2,plain,\n3,"",last';
  const expected = [
    ['id', 'name', 'note'],
    ['1', 'Smith, J.', 'said "hi"\non two lines'],
    ['2', 'plain', ''],
    ['3', '', 'last'],
  ];

  it('reads quoted commas, doubled quotes, line breaks in quotes, CRLF, a BOM and a last line without a break', () => {
    expect(parseCsv(text)).toEqual(expected);
  });

  it('gives the same records whatever the chunk boundaries (a CRLF or a doubled quote split across chunks)', () => {
    for (const size of [1, 2, 3, 5, 7, 64]) expect(parseInChunks(text, size)).toEqual(expected);
  });

  it('reports the line where each record started', () => {
    const parser = new CsvParser();
    const lines: number[] = [];
    for (const _ of parser.push('a,b\n"x\ny",1\nz,2\n')) lines.push(parser.recordLine);
    expect(lines.at(-1)).toBe(4);
  });

  it('reports the starting line of every record returned by one chunk', () => {
    const parser = new CsvParser();
    expect(parser.push('a,b\n"x\ny",1\n\nz,2\nw,')).toHaveLength(3);
    expect(parser.recordLines).toEqual([1, 2, 5]);
    expect(parser.end()).toEqual([['w', '']]);
    expect(parser.recordLines).toEqual([6]);
  });

  it('fails on an unterminated quoted field', () => {
    const parser = new CsvParser();
    parser.push('a\n"open');
    expect(() => parser.end()).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('writes fields back so that they parse to the same values', () => {
    const row = ['a,b', 'say "x"', 'two\nlines', 1.5e-300, Number.NaN];
    expect(parseCsv(csvLine(row))).toEqual([['a,b', 'say "x"', 'two\nlines', '1.5e-300', 'NaN']]);
  });
});
