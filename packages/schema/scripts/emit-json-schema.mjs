// Writes dist/response.schema.json and dist/survey.schema.json from the built zod schemas, for
// backends in other languages. Runs after `tsc`, on the very code that ships.
import { writeFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { responseSchema, surveySchema } from '../dist/index.js';

const base = 'https://unpkg.com/@earful/schema/dist';
const files = {
  'response.schema.json': {
    schema: responseSchema,
    title: 'Earful response, wire format v1',
    description:
      'One survey response as sent by the Earful widget and SDK. Unknown keys are allowed and ignored. ' +
      'Not expressible here, checked by @earful/schema and by receivers: the whole JSON must be at most 16,384 bytes of UTF-8.',
  },
  'survey.schema.json': {
    schema: surveySchema,
    title: 'Earful survey definition',
    description:
      'A survey definition for the Earful widget. Unknown keys are rejected. Not expressible here, checked by ' +
      '@earful/schema parseSurvey: question and option ids are unique, showIf points at an earlier question and ' +
      'asks what it can answer, display.target is set when display.mode is "inline".',
  },
};

for (const [name, { schema, title, description }] of Object.entries(files)) {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
  const out = { ...json, $id: `${base}/${name}`, title, description };
  writeFileSync(new URL(`../dist/${name}`, import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote dist/${name}`);
}
