import { z } from 'zod';
import { SESSION_VERSION, SessionSchema } from './session';
import { STUDY_VERSION, StudySchema } from './study';

/** The current version of each format; resources/schema/<name>-v<N>.schema.json describes it. Older files stay as published. */
export const FORMAT_VERSIONS = { study: STUDY_VERSION, session: SESSION_VERSION } as const;

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
      `study-v${STUDY_VERSION}.json`,
      'Power–Interest Mapper study file (study.json), format version ' + STUDY_VERSION,
      'Study settings, cohorts, rounds and stakeholders. Ids within cohorts, rounds and stakeholders must be unique. `revision` is set by the app on every save; keys the app does not know are kept.',
    ),
    session: make(
      SessionSchema,
      `session-v${SESSION_VERSION}.json`,
      'Power–Interest Mapper session file (sessions/<id>.json), format version ' + SESSION_VERSION,
      'One focus group or interview and its map. A placement with status "placed" must have a position; a contested placement must have an alternate position. No participant names are stored. `revision` is set by the app on every save; keys the app does not know are kept.',
    ),
  };
}
