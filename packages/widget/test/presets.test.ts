/** The built-in survey presets pass the full survey check the widget exports. */
import { safeParseSurvey } from '@earful/schema';
import { checkSurvey as schemaCheckSurvey } from '@earful/schema/lean';
import { expect, it } from 'vitest';
import { checkSurvey, complaintSurvey, en, type MessageKey } from '../src/index.js';

it('the complaint preset passes checkSurvey, as it passes safeParseSurvey', () => {
  const survey = complaintSurvey((key: MessageKey) => en[key] as string);
  expect(safeParseSurvey(survey).success).toBe(true);
  expect(checkSurvey(survey)).toEqual([]);
  // The widget re-exports the schema's check: one copy of the rules.
  expect(checkSurvey).toBe(schemaCheckSurvey);
});
