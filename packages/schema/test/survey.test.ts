import { describe, expect, it } from 'vitest';
import { parseSurvey, safeParseSurvey, ValidationError } from '../src/index.js';
import { complaintSurvey, invalidSurveys, validSurveys } from './fixtures/surveys.js';

describe('surveySchema', () => {
  it.each(validSurveys.map((c) => [c.name, c.input] as const))('accepts %s', (_name, input) => {
    const result = safeParseSurvey(input);
    if (!result.success) throw result.error;
    expect(result.data.id).toBeTruthy();
  });

  it.each(invalidSurveys.map((c) => [c.name, c.input, c.path] as const))('rejects %s at "%s"', (_name, input, path) => {
    const result = safeParseSurvey(input);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.fields.map((f) => f.path)).toContain(path);
  });
});

describe('parseSurvey messages name the path and the fix', () => {
  function messageOf(input: unknown): string {
    try {
      parseSurvey(input);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as Error).message;
    }
    throw new Error('expected parseSurvey to throw');
  }

  it('names a misspelt key', () => {
    const s = complaintSurvey();
    s.trigerr = { type: 'exit' };
    expect(messageOf(s)).toContain('(root): has unknown key "trigerr"; remove it or check the spelling');
  });

  it('lists the scales when one is unknown', () => {
    const s = complaintSurvey();
    s.questions[0].scale = 'stars10';
    expect(messageOf(s)).toContain('questions[0].scale: must be one of csat5, stars5, emoji5, nps, thermometer4, thumbs, ces7');
  });

  it('says a condition can only look back', () => {
    const s = complaintSurvey();
    s.questions[1].showIf = { question: 'details', sentiment: ['negative'] };
    expect(messageOf(s)).toContain('questions[1].showIf.question: "details" is not the id of an earlier question; a condition can only look back');
  });

  it('reports every duplicate id', () => {
    const s = complaintSurvey();
    s.questions[2].id = 'rating';
    s.questions[4].id = 'rating';
    const message = messageOf(s);
    expect(message).toContain('questions[2].id: "rating" is already the id of questions[0]');
    expect(message).toContain('questions[4].id: "rating" is already the id of questions[0]');
  });
});
