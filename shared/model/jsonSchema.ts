import { z } from 'zod';
import { SessionSchema } from './session';
import { StudySchema } from './study';

/**
 * JSON Schemas of the file formats, generated from the runtime schemas so the published
 * description can never drift from what the app accepts. Refinements that JSON Schema
 * cannot express (unique ids, "placed needs a position") are described in the text.
 */
export function fileFormatSchemas(): Record<'study' | 'session', Record<string, unknown>> {
  const make = (schema: z.ZodType, id: string, title: string, description: string) => ({
    $id: `https://pimap.invalid/schema/${id}`,
    title,
    description,
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
  });
  return {
    study: make(
      StudySchema,
      'study-v1.json',
      'Power–Interest Mapper study file (study.json), format version 1',
      'Study settings, cohorts, rounds and stakeholders. Ids within cohorts, rounds and stakeholders must be unique.',
    ),
    session: make(
      SessionSchema,
      'session-v1.json',
      'Power–Interest Mapper session file (sessions/<id>.json), format version 1',
      'One focus group or interview and its map. A placement with status "placed" must have a position; a contested placement must have an alternate position. No participant names are stored.',
    ),
  };
}
