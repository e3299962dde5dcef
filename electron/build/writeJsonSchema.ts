// `npm run schema`: regenerate resources/schema/*.json from the runtime schemas.
// A unit test fails when the committed files differ from what this would write.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileFormatSchemas, FORMAT_VERSIONS } from '../../shared/model/jsonSchema';

const dir = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..', 'resources', 'schema');
for (const [name, schema] of Object.entries(fileFormatSchemas())) {
  const file = join(dir, `${name}-v${FORMAT_VERSIONS[name as keyof typeof FORMAT_VERSIONS]}.schema.json`);
  writeFileSync(file, JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote ${file}`);
}
