import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv.js';

describe('CSV export cells', () => {
  it.each(['=1+1', '+49 30 1234', '-2', '@SUM(A1)', '\tcmd', '\rcmd'])('neutralise a leading formula character in %j', (value) => {
    expect(csvCell(value).replace(/^"/, '')).toMatch(/^'/);
  });

  it('quote commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('write objects as JSON and nothing for null', () => {
    expect(csvRow([null, { a: 1 }, 'x'])).toBe(',"{""a"":1}",x\r\n');
  });
});
