import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLongFormat, serializeLongFormat } from '../../../shared/csv/longFormat';
import { GENERATED_FIXTURE, generateStudy } from '../../helpers/studyGenerator';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'csv');

describe('CSV fixtures', () => {
  it('generated-40x20.csv is what the generator writes (run `npx tsx tests/helpers/studyGenerator.ts` after changing it)', () => {
    const { study, sessions } = generateStudy(GENERATED_FIXTURE);
    expect(readFileSync(join(FIXTURES, 'generated-40x20.csv'), 'utf8')).toBe(serializeLongFormat(study, sessions, { redact: false, bom: true }));
  });

  it('good.csv parses without errors and bad.csv fails on the lines its tests name', () => {
    expect(parseLongFormat(readFileSync(join(FIXTURES, 'good.csv'), 'utf8')).errors).toEqual([]);
    expect(parseLongFormat(readFileSync(join(FIXTURES, 'bad.csv'), 'utf8')).errors.map((e) => e.line)).toEqual([5, 6, 7]);
  });
});
