/**
 * Parity of the zod-free survey checks with zod: `checkSurvey` gives `safeParseSurvey`'s verdict,
 * `surveyNeedsProblems` (the widget's browser check) accepts all that zod accepts and refuses
 * what the widget cannot render safely.
 */
import { describe, expect, it } from 'vitest';
import { checkSurvey } from '../src/check-survey.js';
import { surveyNeedsProblems } from '../src/check-needs.js';
import { ID_WORDS } from '../src/patterns.js';
import { safeParseSurvey } from '../src/parse.js';
import { invalidSurveys, validSurveys, complaintSurvey } from './fixtures/surveys.js';

function patch(mutate: (s: Record<string, any>) => void): Record<string, any> {
  const s = complaintSurvey();
  mutate(s);
  return s;
}

// More cases than the schema's table, for the corners a hand-written check gets wrong.
const extra: { name: string; input: unknown }[] = [
  { name: 'null', input: null },
  { name: 'an array', input: [] },
  { name: 'no id', input: patch((s) => delete s.id) },
  { name: 'id with a space', input: patch((s) => (s.id = 'a b')) },
  { name: 'locale tag', input: patch((s) => (s.locale = 'ko-KR')) },
  { name: 'bad locale tag', input: patch((s) => (s.locale = 'korean!')) },
  { name: 'prompt 500 emoji', input: patch((s) => (s.questions[0].prompt = '😀'.repeat(500))) },
  { name: 'prompt 501 chars', input: patch((s) => (s.questions[0].prompt = 'x'.repeat(501))) },
  { name: 'prompt map empty', input: patch((s) => (s.questions[0].prompt = {})) },
  { name: 'maxLength 1.5', input: patch((s) => (s.questions[2].maxLength = 1.5)) },
  { name: 'maxLength 4000', input: patch((s) => (s.questions[2].maxLength = 4000)) },
  { name: 'other as a string', input: patch((s) => (s.questions[1].other = 'Other')) },
  { name: '21 options', input: patch((s) => (s.questions[1].options = Array.from({ length: 21 }, (_, i) => ({ id: `o${i}`, label: 'x' })))) },
  { name: 'contact with 4 fields', input: patch((s) => (s.questions[3].fields = ['email', 'phone', 'name', 'email'])) },
  { name: 'contact field "fax"', input: patch((s) => (s.questions[3].fields = ['fax'])) },
  { name: 'condition values mixing ints and ids', input: patch((s) => (s.questions[4].showIf = { question: 'rating', values: [4, 5] })) },
  { name: 'condition value 4.5', input: patch((s) => (s.questions[4].showIf = { question: 'rating', values: [4.5] })) },
  { name: 'offset 501', input: patch((s) => (s.display.offset = { x: 501 })) },
  { name: 'unknown display key', input: patch((s) => (s.display.side = 'left')) },
  { name: 'trigger delay without ms', input: patch((s) => (s.trigger = { type: 'delay' })) },
  { name: 'trigger with extra key', input: patch((s) => (s.trigger = { type: 'exit', ms: 1 })) },
  { name: 'sample 12.5', input: patch((s) => (s.targeting.sample = 12.5)) },
  { name: 'reask days negative', input: patch((s) => (s.targeting.reask.afterAnswerDays = -1)) },
  { name: 'url rule empty value', input: patch((s) => (s.targeting.include = [{ match: 'prefix', value: '' }])) },
  { name: 'texts key with a dash', input: patch((s) => (s.texts = { 'thanks-title': 'x' })) },
  { name: 'radius 33', input: patch((s) => (s.theme.radius = 33)) },
  { name: 'hsl accent', input: patch((s) => (s.theme.accent = 'hsl(210 80% 40%)')) },
  { name: 'scheme "sepia"', input: patch((s) => (s.theme.scheme = 'sepia')) },
  { name: '21 questions', input: patch((s) => (s.questions = Array.from({ length: 21 }, (_, i) => ({ id: `q${i}`, type: 'text', prompt: 'p' })))) },
  { name: 'label with markup', input: patch((s) => (s.questions[0].prompt = '<img src=x onerror=alert(1)>')) },
];

describe('checkSurvey gives the same verdict as safeParseSurvey (zod)', () => {
  const table = [...validSurveys, ...invalidSurveys, ...extra];
  it.each(table.map((c) => [c.name, c.input] as const))('%s', (_name, input) => {
    const zod = safeParseSurvey(input);
    const lean = checkSurvey(input);
    expect(lean.length === 0, JSON.stringify(lean)).toBe(zod.success);
  });
  it('names the path zod names for each invalid fixture', () => {
    for (const c of invalidSurveys) {
      const paths = checkSurvey(c.input).map((p) => p.path);
      expect(paths, c.name).toContain(c.path);
    }
  });
});

describe('surveyNeedsProblems (the browser check)', () => {
  it('accepts every survey zod accepts', () => {
    for (const c of [...validSurveys, ...extra]) {
      if (safeParseSurvey(c.input).success) expect(surveyNeedsProblems(c.input), c.name).toEqual([]);
    }
  });
  it.each([
    ['theme.accent', patch((s) => (s.theme.accent = 'red;} body{display:none'))],
    ['theme.font', patch((s) => (s.theme.font = 'x} *{color:red'))],
    ['theme.radius', patch((s) => (s.theme.radius = '4px;}'))],
    ['display.offset.x', patch((s) => (s.display.offset = { x: '1px;}' }))],
    ['questions[0].scale', patch((s) => (s.questions[0].scale = 'stars10'))],
    ['questions[0].type', patch((s) => (s.questions[0].type = 'slider'))],
    ['questions', patch((s) => (s.questions = []))],
    ['questions[1].options', patch((s) => (s.questions[1].options = []))],
    ['questions[3].fields', patch((s) => (s.questions[3].fields = []))],
    ['questions[2].id', patch((s) => (s.questions[2].id = 'reasons'))],
    ['questions[1].showIf.question', patch((s) => (s.questions[1].showIf = { question: 'details', sentiment: ['negative'] }))],
  ])('rejects what it needs: %s', (path, input) => {
    expect(surveyNeedsProblems(input).map((p) => p.path)).toContain(path);
  });
});

describe('one wording per pattern', () => {
  // The three checks once worded a bad id three ways; now each takes the words beside the pattern.
  it.each([
    ['id', patch((s) => (s.id = 'a b'))],
    ['questions[1].id', patch((s) => (s.questions[1].id = 'what went wrong'))],
    ['theme.accent', patch((s) => (s.theme.accent = 'red;} body{display:none'))],
    ['theme.font', patch((s) => (s.theme.font = 'x} *{color:red'))],
  ])('%s: zod, checkSurvey and surveyNeedsProblems say the same', (path, input) => {
    const zod = safeParseSurvey(input);
    const said = (problems: readonly { path: string; message: string }[]) => problems.find((p) => p.path === path)?.message;
    const words = said(zod.success ? [] : zod.error.fields);
    expect(words).toBeTypeOf('string');
    expect(said(checkSurvey(input))).toBe(words);
    expect(said(surveyNeedsProblems(input))).toBe(words);
  });
  it('says a repeated question id must be unique, apart from its form', () => {
    const problems = surveyNeedsProblems(patch((s) => (s.questions[2].id = 'reasons')));
    expect(problems).toEqual([{ path: 'questions[2].id', message: 'must be unique' }]);
    expect(surveyNeedsProblems(patch((s) => (s.questions[2].id = 'a b')))).toEqual([{ path: 'questions[2].id', message: ID_WORDS }]);
  });
});
