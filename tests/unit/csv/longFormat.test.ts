import { describe, expect, it } from 'vitest';
import { escapeFormula, formatNumber, parseLongFormat, unescapeFormula } from '../../../shared/csv/longFormat';

const HEADER = 'study,session,cohort,round,stakeholder,status,power,interest,contested,alt_power,alt_interest,note';
const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';

describe('parseLongFormat: rows', () => {
  it('reads placed, unknown and not_discussed rows, with or without a byte-order mark', () => {
    const text = csv(
      HEADER,
      'Two districts,FGD 1,Survivors,Baseline,Police,placed,9,1.5,,,,"They take money, and they know the agents."',
      'Two districts,FGD 1,Survivors,Baseline,VLCPC,unknown,,,,,,',
      'Two districts,FGD 1,Survivors,Baseline,DLSA,not_discussed,,,,,,',
    );
    for (const input of [text, '\uFEFF' + text]) {
      const { rows, errors } = parseLongFormat(input);
      expect(errors).toEqual([]);
      expect(rows).toEqual([
        { line: 2, study: 'Two districts', session: 'FGD 1', cohort: 'Survivors', round: 'Baseline', stakeholder: 'Police', status: 'placed', position: { power: 9, interest: 1.5 }, contested: false, alt: null, note: 'They take money, and they know the agents.' },
        { line: 3, study: 'Two districts', session: 'FGD 1', cohort: 'Survivors', round: 'Baseline', stakeholder: 'VLCPC', status: 'unknown', position: null, contested: false, alt: null, note: '' },
        { line: 4, study: 'Two districts', session: 'FGD 1', cohort: 'Survivors', round: 'Baseline', stakeholder: 'DLSA', status: 'not_discussed', position: null, contested: false, alt: null, note: '' },
      ]);
    }
  });

  it('treats a blank status as placed when power and interest are given, and a blank round as no round', () => {
    const { rows, errors } = parseLongFormat(csv(HEADER, ',DB-07,Duty bearers,,BDO,,6,6.5,,,,'));
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ status: 'placed', round: '', position: { power: 6, interest: 6.5 } });
  });

  it('accepts contested as true/false/yes/no/1/0/blank in any case, and needs the alternate position', () => {
    const words = ['true', 'FALSE', 'Yes', 'no', '1', '0', ''];
    const { rows, errors } = parseLongFormat(csv(HEADER, ...words.map((w, i) => `,S${i},C,,Police,,5,5,${w},2,8,`)));
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.contested)).toEqual([true, false, true, false, true, false, false]);
    expect(rows[0]!.alt).toEqual({ power: 2, interest: 8 });
  });

  it('reads columns in any order and any case, and files with only the required columns', () => {
    const { rows, errors } = parseLongFormat('Stakeholder,Interest,Power,Cohort,Session\nASHA,8,3,Survivors,FGD 2\n');
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ line: 2, stakeholder: 'ASHA', cohort: 'Survivors', session: 'FGD 2', status: 'placed', position: { power: 3, interest: 8 }, round: '', study: '', note: '' });
  });

  it('keeps notes exactly, with quotes, commas, line breaks, Bengali and Hindi', () => {
    const note = 'She said: "পুলিশ জানে, কিন্তু কিছু করে না।"\r\nआगे: क्ष त्र, "शिशु"';
    const quoted = `"${note.replace(/"/g, '""')}"`;
    const { rows, errors } = parseLongFormat(csv(HEADER, `,FGD 1,Survivors,,Police,,9,1,,,,${quoted}`));
    expect(errors).toEqual([]);
    expect(rows[0]!.note).toBe(note);
  });

  it('keeps the precision the file gives: 2.65 stays 2.65 and 4.95 stays below a midline of 5', () => {
    const { rows } = parseLongFormat(csv(HEADER, ',S,C,,X,, 7.25 ,.04,,,,', ',S,C,,Y,,4.95,2.65,,,,', ',S,C,,Z,,0.1234567,9.9999999,,,,'));
    expect(rows.map((r) => r.position)).toEqual([
      { power: 7.25, interest: 0.04 },
      { power: 4.95, interest: 2.65 },
      // six decimals at most: float noise and digits beyond any placement's meaning go
      { power: 0.123457, interest: 10 },
    ]);
  });

  it('reads "__proto__" or "constructor" as the invalid words they are, not as members of Object', () => {
    const { rows, errors } = parseLongFormat(csv(HEADER, ',S,C,,X,,1,2,__proto__,,,', ',S,C,,Y,constructor,1,2,,,,', ',S,C,,Z,toString,1,2,,,,'));
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { line: 2, column: 'contested', code: 'invalid_boolean', params: { value: '__proto__' } },
      { line: 3, column: 'status', code: 'invalid_status', params: { value: 'constructor' } },
      { line: 4, column: 'status', code: 'invalid_status', params: { value: 'toString' } },
    ]);
  });

  it('reads a file with mixed line endings: right line numbers, no CR left in a note', () => {
    const text = `${HEADER}\r\n,S,C,,X,,1,2,,,,first\n,S,C,,Y,,3,4,,,,"two\r\nlines"\r,S,C,,Z,,5,6,,,,last\r\n`;
    const { rows, errors } = parseLongFormat(text);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.stakeholder, r.note])).toEqual([
      [2, 'X', 'first'],
      [3, 'Y', 'two\r\nlines'],
      [5, 'Z', 'last'],
    ]);
  });

  it('skips blank lines, and counts them in line numbers', () => {
    const { rows } = parseLongFormat(`${HEADER}\n\n,S,C,,X,,1,2,,,,\n   \n,S,C,,Y,,3,4,,,,\n\n`);
    expect(rows.map((r) => [r.line, r.stakeholder])).toEqual([
      [3, 'X'],
      [5, 'Y'],
    ]);
  });
});

describe('parseLongFormat: errors with physical line numbers', () => {
  it('counts the lines inside multi-line quoted notes', () => {
    const text = csv(
      HEADER, // line 1
      ',FGD 1,Survivors,,Police,,9,1,,,,"first line', // line 2
      'second line', // line 3
      'third line"', // line 4
      ',FGD 1,Survivors,,BDO,,eleven,1,,,,', // line 5
      ',FGD 1,Survivors,,ASHA,,3,8,,,,"a ""quoted""\nnote"', // lines 6–7
      ',FGD 1,Survivors,,WDO,placed,,,,,,', // line 8
    );
    const { rows, errors } = parseLongFormat(text);
    expect(rows.map((r) => r.line)).toEqual([2, 6]);
    expect(rows[0]!.note).toBe('first line\r\nsecond line\r\nthird line');
    expect(rows[1]!.note).toBe('a "quoted"\nnote');
    expect(errors).toEqual([
      { line: 5, column: 'power', code: 'invalid_number', params: { value: 'eleven' } },
      { line: 8, column: 'power', code: 'missing_position' },
    ]);
  });

  it('reports every field problem of every row', () => {
    const { rows, errors } = parseLongFormat(
      csv(
        HEADER,
        ',FGD 1,Survivors,,Police,maybe,9,1,,,,', // 2: status
        ',FGD 1,Survivors,,Police,,11,1,,,,', // 3: range
        ',FGD 1,Survivors,,Police,,"5,5",1,,,,', // 4: decimal comma
        ',FGD 1,Survivors,,Police,,5,,,,,', // 5: only power
        ',FGD 1,Survivors,,Police,,5,5,perhaps,,,', // 6: boolean
        ',FGD 1,Survivors,,Police,,5,5,yes,,,', // 7: contested without alt
        ',,Survivors,,Police,,5,5,,,,', // 8: no session
        `,${'X'.repeat(61)},Survivors,,Police,,5,5,,,,`, // 9: code too long
        ',FGD 1,Survivors,,,unknown,,,,,,', // 10: no stakeholder
        ',FGD 1,Survivors,,,,,,,,,', // 11: a session with neither stakeholder nor position
        ',FGD 1,Survivors,,Police,,5,5', // 12: too few fields
        ',FGD 1,Survivors,,Police,,5,5,,,,,surplus', // 13: too many
        ',FGD 1,Survivors,,Police,,5,5,,,,,', // 14: an empty trailing cell is tolerated
      ),
    );
    expect(errors).toEqual([
      { line: 2, column: 'status', code: 'invalid_status', params: { value: 'maybe' } },
      { line: 3, column: 'power', code: 'out_of_range', params: { value: '11' } },
      { line: 4, column: 'power', code: 'invalid_number', params: { value: '5,5' } },
      { line: 5, column: 'interest', code: 'incomplete_position' },
      { line: 6, column: 'contested', code: 'invalid_boolean', params: { value: 'perhaps' } },
      { line: 7, column: 'alt_power', code: 'missing_alt' },
      { line: 8, column: 'session', code: 'required' },
      { line: 9, column: 'session', code: 'too_long', params: { max: 60 } },
      { line: 10, column: 'stakeholder', code: 'required' },
      { line: 11, column: 'stakeholder', code: 'required' },
      { line: 11, column: 'power', code: 'missing_position' },
      { line: 12, code: 'field_count', params: { expected: 12, found: 8 } },
      { line: 13, code: 'field_count', params: { expected: 12, found: 13 } },
    ]);
    expect(rows.map((r) => r.line)).toEqual([14]);
  });

  it('reports broken quoting at the line where the row starts', () => {
    const { errors } = parseLongFormat(csv(HEADER, ',FGD 1,Survivors,,Police,,9,1,,,,fine', ',FGD 1,Survivors,,BDO,,9,1,,,,"unclosed note', 'more'));
    expect(errors).toEqual([{ line: 3, code: 'malformed_quotes' }]);
  });

  it('checks the header: unknown, duplicate and missing columns', () => {
    expect(parseLongFormat('session,cohort,stakeholder,powr\nA,B,C,1\n').errors).toEqual([{ line: 1, code: 'unknown_column', params: { column: 'powr' } }]);
    expect(parseLongFormat('session,cohort,stakeholder,note,Note\n').errors).toEqual([{ line: 1, column: 'note', code: 'duplicate_column', params: { column: 'note' } }]);
    expect(parseLongFormat('session,stakeholder,power,interest\nA,B,1,2\n').errors).toEqual([{ line: 1, column: 'cohort', code: 'missing_column', params: { column: 'cohort' } }]);
  });

  it('reports an empty file and a file with only a header', () => {
    expect(parseLongFormat('').errors).toEqual([{ line: 1, code: 'empty_file' }]);
    expect(parseLongFormat('\uFEFF\r\n\r\n').errors).toEqual([{ line: 1, code: 'empty_file' }]);
    expect(parseLongFormat(`\n${HEADER}\n`).errors).toEqual([{ line: 2, code: 'no_rows' }]);
  });
});

describe('numbers and formula escaping', () => {
  it('writes numbers with the stored precision (six decimals at most) and no trailing zeros', () => {
    expect([5, 5.5, 0.1 + 0.2, 7.25, 2.65, 10, 0, -0.0000001, 1 / 3].map(formatNumber)).toEqual(['5', '5.5', '0.3', '7.25', '2.65', '10', '0', '0', '0.333333']);
  });

  it('prefixes text that a spreadsheet would run as a formula, and removes exactly that prefix', () => {
    expect(escapeFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(escapeFormula('- the BDO never came')).toBe(`'- the BDO never came`);
    expect(escapeFormula("'=already")).toBe("''=already");
    expect(escapeFormula("'quoted' as said")).toBe("'quoted' as said");
    for (const t of ['=1+1', '+91 number', '@home', "'=x", "''-y", "'plain", 'plain', '\tTab', '']) expect(unescapeFormula(escapeFormula(t))).toBe(t);
  });
});
