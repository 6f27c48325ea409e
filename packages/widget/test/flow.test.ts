import { parseResponse, type Survey } from '@earful/schema';
import { describe, expect, it } from 'vitest';
import { buildAnswers } from '../src/flow/build-answers.js';
import { isShown, visibleQuestions } from '../src/flow/conditions.js';
import { OTHER, type Drafts } from '../src/flow/drafts.js';
import { stepProblem } from '../src/flow/step-problem.js';
import { nextQuestionId, previousQuestionId, progressOf } from '../src/flow/steps.js';
import en, { type MessageKey } from '../src/locales/en.js';
import { complaintSurvey } from '../src/presets/complaint.js';

const t = (key: MessageKey) => en[key] as string;
const survey = complaintSurvey(t);

function walk(drafts: Drafts): string[] {
  const ids: string[] = [];
  for (let id = nextQuestionId(survey, drafts, null), n = 0; id !== null && n < 50; id = nextQuestionId(survey, drafts, id), n++) ids.push(id);
  return ids;
}

describe('the complaint flow', () => {
  it('starts with the rating and shows nothing else until it is answered', () => {
    expect(walk({})).toEqual(['rating']);
  });
  it('asks what went wrong, what would put it right, for details and for contact after a negative rating', () => {
    expect(walk({ rating: { rating: 1 } })).toEqual(['rating', 'reasons', 'remedy', 'details', 'contact']);
    expect(walk({ rating: { rating: 2 } })).toEqual(['rating', 'reasons', 'remedy', 'details', 'contact']);
  });
  it('asks "what would put it right?" with a refund, a replacement, an apology, a call back or something else', () => {
    const remedy = survey.questions.find((q) => q.id === 'remedy');
    expect(remedy).toMatchObject({ type: 'choice', multiple: true, prompt: 'What would put it right?', other: { label: 'Something else' } });
    expect(remedy?.type === 'choice' && remedy.options.map((o) => [o.id, o.label])).toEqual([
      ['refund', 'A refund'],
      ['replacement', 'A replacement'],
      ['apology', 'An apology'],
      ['callback', 'A call back'],
    ]);
    // Its answer is a normal choice answer, valid on the wire.
    const answers = buildAnswers(survey, { rating: { rating: 1 }, remedy: { choices: ['refund', OTHER], text: 'Free shipping next time' } });
    expect(answers[1]).toEqual({ type: 'choice', questionId: 'remedy', values: ['refund'], other: 'Free shipping next time' });
    expect(parseResponse({ schemaVersion: 1, id: '0b6f7c4e-1d2a-4c3b-8e5f-6a7b8c9d0e1f', surveyId: 'complaint', createdAt: '2026-12-01T10:00:00Z', locale: 'en', answers }).answers).toHaveLength(2);
  });
  it('leaves "what would put it right?" out when the author says so, and keeps its id and title', () => {
    const lean = complaintSurvey(t, { id: 'returns', remedy: false });
    expect(lean.id).toBe('returns');
    expect(lean.title).toBe('How did we do?');
    expect(lean.questions.map((q) => q.id)).toEqual(['rating', 'reasons', 'details', 'contact', 'liked']);
  });
  it('carries its apology in its texts: the thank-you apologises for the preset only', () => {
    expect(survey.texts).toEqual({ 'complaint.sorryTitle': en['complaint.sorryTitle'], 'complaint.sorryBody': en['complaint.sorryBody'], 'complaint.thanksBody': en['complaint.thanksBody'] });
  });
  it('asks "what did you like?" after a positive rating, and only that', () => {
    expect(walk({ rating: { rating: 5 } })).toEqual(['rating', 'liked']);
  });
  it('asks for details after a neutral rating', () => {
    expect(walk({ rating: { rating: 3 } })).toEqual(['rating', 'details']);
  });
  it('reports progress among the questions that show now', () => {
    const drafts = { rating: { rating: 1 } };
    expect(progressOf(survey, drafts, 'reasons')).toEqual({ current: 2, total: 5, isLast: false });
    expect(progressOf(survey, drafts, 'contact')).toEqual({ current: 5, total: 5, isLast: true });
    expect(progressOf(survey, { rating: { rating: 5 } }, 'rating')).toEqual({ current: 1, total: 2, isLast: false });
    expect(progressOf(survey, {}, 'rating').isLast).toBe(false); // later steps wait for the rating
    expect(progressOf(survey, { rating: { rating: 5 } }, 'liked').isLast).toBe(true);
    expect(previousQuestionId(survey, drafts, 'details')).toBe('remedy');
    expect(previousQuestionId(survey, drafts, 'rating')).toBeNull();
  });
});

describe('conditions', () => {
  const s: Survey = {
    id: 's',
    questions: [
      { id: 'nps', type: 'rating', scale: 'nps', prompt: 'p' },
      { id: 'why', type: 'choice', prompt: 'p', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], showIf: { question: 'nps', values: [0, 1, 2] } },
      { id: 'b-only', type: 'text', prompt: 'p', showIf: { question: 'why', values: ['b'] } },
      { id: 'thumbs', type: 'rating', scale: 'thumbs', prompt: 'p' },
      { id: 'down', type: 'text', prompt: 'p', showIf: { question: 'thumbs', sentiment: ['negative'] } },
    ],
  };
  it('matches rating values and choice option ids', () => {
    expect(visibleQuestions(s, { nps: { rating: 2 }, why: { choices: ['b'] } }).map((q) => q.id)).toEqual(['nps', 'why', 'b-only', 'thumbs']);
    expect(visibleQuestions(s, { nps: { rating: 2 }, why: { choices: ['a'] } }).map((q) => q.id)).toEqual(['nps', 'why', 'thumbs']);
  });
  it('hides a question whose trigger is hidden, even if its own draft matches', () => {
    expect(isShown(s.questions[2]!, s, { nps: { rating: 9 }, why: { choices: ['b'] } })).toBe(false);
  });
  it('uses the schema sentiment table (thumbs 0 is negative)', () => {
    expect(isShown(s.questions[4]!, s, { thumbs: { rating: 0 } })).toBe(true);
    expect(isShown(s.questions[4]!, s, { thumbs: { rating: 1 } })).toBe(false);
  });
});

describe('buildAnswers', () => {
  const full: Drafts = {
    rating: { rating: 1 },
    reasons: { choices: ['late', OTHER], text: '  box was <b>torn</b>  ' },
    details: { text: 'Late and damaged' },
    contact: { consent: true, email: 'min@example.com', phone: '' },
    liked: { text: 'must not be sent: the rating is negative' },
  };
  it('builds answers that the v1 response schema accepts', () => {
    const answers = buildAnswers(survey, full);
    expect(answers).toEqual([
      { type: 'rating', questionId: 'rating', scale: 'csat5', value: 1 },
      { type: 'choice', questionId: 'reasons', values: ['late'], other: 'box was <b>torn</b>' },
      { type: 'text', questionId: 'details', value: 'Late and damaged' },
      { type: 'contact', questionId: 'contact', consent: true, email: 'min@example.com' },
    ]);
    const response = parseResponse({
      schemaVersion: 1,
      id: '9b2f3c1e-7d4a-4c55-9a53-2f0b1e8c6d71',
      surveyId: survey.id,
      createdAt: '2026-11-24T09:30:00.000Z',
      locale: 'en',
      answers,
    });
    expect(response.answers).toHaveLength(4);
  });
  it('sends no contact details without consent', () => {
    const answers = buildAnswers(survey, { ...full, contact: { consent: false, email: 'min@example.com' } });
    expect(answers.some((a) => a.type === 'contact')).toBe(false);
  });
  it('leaves out answers to questions that no longer show', () => {
    const answers = buildAnswers(survey, { ...full, rating: { rating: 5 } });
    expect(answers.map((a) => a.questionId)).toEqual(['rating', 'liked']);
  });
  it('sends "other" alone as the "other" option with its text', () => {
    const answers = buildAnswers(survey, { rating: { rating: 1 }, reasons: { choices: [OTHER], text: 'Rude driver' } });
    expect(answers[1]).toEqual({ type: 'choice', questionId: 'reasons', values: ['other'], other: 'Rude driver' });
  });
});

describe('stepProblem', () => {
  const contact = survey.questions.find((q) => q.id === 'contact')!;
  it('requires the rating (the preset marks it required)', () => {
    expect(stepProblem(survey.questions[0]!, {})).toEqual({ key: 'error.required' });
    expect(stepProblem(survey.questions[0]!, { rating: 3 })).toBeNull();
  });
  it('lets an optional contact step pass without consent, and checks details with it', () => {
    expect(stepProblem(contact, {})).toBeNull();
    expect(stepProblem(contact, { consent: true })).toEqual({ key: 'error.contactMissing', field: 'email' });
    expect(stepProblem(contact, { consent: true, email: 'nope' })).toEqual({ key: 'error.email', field: 'email' });
    expect(stepProblem(contact, { consent: true, phone: 'x' })).toEqual({ key: 'error.phone', field: 'phone' });
    expect(stepProblem(contact, { consent: true, email: 'a@b.co' })).toBeNull();
  });
  it('stops text over the limit, counting code points', () => {
    const details = survey.questions.find((q) => q.id === 'details')!;
    expect(stepProblem(details, { text: '😀'.repeat(2000) })).toBeNull();
    expect(stepProblem(details, { text: 'x'.repeat(2001) })).toEqual({ key: 'error.tooLong', field: 'text', count: 2000 });
  });
});
