/**
 * The JSON Schema files ship to backends in other languages, so they must say what the zod
 * schemas say. This feeds the same tables to zod and to the built files through ajv, case by
 * case. Rules JSON Schema cannot express are marked `zodOnly` and must be valid to ajv.
 */
import { readFileSync, existsSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { safeParseResponse, safeParseSurvey } from '../src/index.js';
import { invalidResponses, validResponses, type Case } from './fixtures/responses.js';
import { invalidSurveys, validSurveys } from './fixtures/surveys.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

function load(name: string): object {
  const url = new URL(`../dist/${name}`, import.meta.url);
  if (!existsSync(url)) throw new Error(`dist/${name} is missing: run \`pnpm build\` in packages/schema first`);
  return JSON.parse(readFileSync(url, 'utf8')) as object;
}

const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
const suites = [
  { file: 'response.schema.json', zod: safeParseResponse, valid: validResponses, invalid: invalidResponses },
  { file: 'survey.schema.json', zod: safeParseSurvey, valid: validSurveys, invalid: invalidSurveys },
];

describe.each(suites)('$file agrees with zod', ({ file, zod, valid, invalid }) => {
  const validate = ajv.compile(load(file));
  const rows = (cases: Case[], expected: boolean) => cases.map((c) => [c.name, c, expected] as const);

  it.each([...rows(valid, true), ...rows(invalid, false)])('%s', (_name, c, expected) => {
    expect(zod(c.input).success).toBe(expected);
    const ajvSays = validate(c.input);
    // zod-only rules cannot be written in JSON Schema: ajv must accept those payloads.
    expect(ajvSays, JSON.stringify(validate.errors)).toBe(c.zodOnly ? true : expected);
  });

  it('documents what it cannot express', () => {
    expect((load(file) as { description: string }).description).toMatch(/Not expressible here/);
  });
});
