import { csvCell, csvLine } from './csv.js';

describe('CSV cells the API writes', () => {
  it('defuses every cell a spreadsheet would run as a formula, and quotes all cells', () => {
    expect(['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1'].map(csvCell)).toEqual([
      `"'=1+1"`,
      `"'+1"`,
      `"'-1"`,
      `"'@A1"`,
      `"'\t=1"`,
      `"'\r=1"`,
    ]);
    expect(csvLine(['li.ming', '李"明"', 'Abc12345'])).toBe('"li.ming","李""明""","Abc12345"');
    expect(csvCell(' =1')).toBe('" =1"');
  });
});
