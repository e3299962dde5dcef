import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileFormatSchemas, FORMAT_VERSIONS } from '../../shared/model/jsonSchema';

const root = join(__dirname, '..', '..');

describe('published JSON Schemas', () => {
  it('match the runtime schemas (run `npm run schema` after changing a format)', () => {
    for (const [name, schema] of Object.entries(fileFormatSchemas())) {
      const committed = JSON.parse(readFileSync(join(root, 'resources', 'schema', `${name}-v${FORMAT_VERSIONS[name as keyof typeof FORMAT_VERSIONS]}.schema.json`), 'utf8'));
      expect(committed).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });

  it('describe the fields a reader of the format needs', () => {
    const { session, study } = fileFormatSchemas() as unknown as Record<'session' | 'study', { properties: Record<string, unknown>; required: string[] }>;
    expect(Object.keys(session.properties)).toEqual(expect.arrayContaining(['revision', 'writer', 'code', 'cohortId', 'roundId', 'consent', 'placements', 'locked']));
    expect(Object.keys(session.properties)).not.toContain('participantNames');
    expect(Object.keys(study.properties)).toEqual(expect.arrayContaining(['axes', 'midline', 'cohorts', 'rounds', 'stakeholders']));
    expect(study.required).toContain('version');
  });
});
