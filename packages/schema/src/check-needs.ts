/**
 * The survey check that ships in the widget's browser chunk: only what the widget relies on to
 * render safely — question shapes it switches on, ids it links by, and every value that ends up
 * in a style sheet (colours, fonts, numbers). The full check (`checkSurvey`, equal to
 * `safeParseSurvey`) costs ~2 KB gzip more and belongs in the author's build or CI; the receiver
 * validates every response anyway. See docs/decisions/002-widget-validation-and-size.md.
 */
import type { FieldProblem } from './errors.js';
import { COLOR_PATTERN as COLOR, COLOR_WORDS, FONT_PATTERN as FONT, FONT_WORDS, ID_PATTERN as ID, ID_WORDS } from './patterns.js';
import { RATING_SCALES } from './scales.js';

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown) => (typeof v === 'string' && v !== '') || isObject(v);

/**
 * Problems that would stop the widget from rendering `input` safely, or `[]`.
 *
 * @example
 * ```ts
 * surveyNeedsProblems({ id: 'x', questions: [] }); // [{ path: 'questions', message: 'must be a non-empty list of questions' }]
 * ```
 */
export function surveyNeedsProblems(input: unknown): FieldProblem[] {
  const out: FieldProblem[] = [];
  const bad = (path: string, message: string) => out.push({ path, message });
  if (!isObject(input)) return [{ path: '', message: 'must be an object' }];
  if (typeof input.id !== 'string' || !ID.test(input.id)) bad('id', ID_WORDS);
  const questions = input.questions;
  if (!Array.isArray(questions) || questions.length === 0) return [...out, { path: 'questions', message: 'must be a non-empty list of questions' }];
  const seen: string[] = [];
  questions.forEach((q: unknown, i) => {
    const at = `questions[${i}]`;
    if (!isObject(q)) return bad(at, 'must be an object');
    if (typeof q.id !== 'string' || !ID.test(q.id)) bad(`${at}.id`, ID_WORDS);
    else if (seen.includes(q.id)) bad(`${at}.id`, 'must be unique');
    if (!isText(q.prompt)) bad(`${at}.prompt`, 'must be a text');
    if (q.showIf !== undefined && !(isObject(q.showIf) && seen.includes(q.showIf.question))) bad(`${at}.showIf.question`, 'must be the id of an earlier question');
    seen.push(q.id);
    if (q.type === 'rating') {
      if (!RATING_SCALES.includes(q.scale)) bad(`${at}.scale`, `must be one of ${RATING_SCALES.join(', ')}`);
    } else if (q.type === 'choice') {
      if (!Array.isArray(q.options) || !q.options.length || !q.options.every((o: unknown) => isObject(o) && typeof o.id === 'string' && isText(o.label))) {
        bad(`${at}.options`, 'must be a non-empty list of { id, label }');
      }
    } else if (q.type === 'contact') {
      if (!Array.isArray(q.fields) || !q.fields.length || !q.fields.every((f: unknown) => f === 'email' || f === 'phone' || f === 'name')) {
        bad(`${at}.fields`, 'must list "email", "phone" and/or "name"');
      }
    } else if (q.type !== 'text') bad(`${at}.type`, 'must be one of rating, text, choice, contact');
  });
  const theme = input.theme ?? {};
  if (theme.accent !== undefined && !COLOR.test(theme.accent)) bad('theme.accent', COLOR_WORDS);
  if (theme.font !== undefined && !FONT.test(theme.font)) bad('theme.font', FONT_WORDS);
  for (const [path, value] of [
    ['theme.radius', theme.radius],
    ['theme.zIndex', theme.zIndex],
    ['display.offset.x', input.display?.offset?.x],
    ['display.offset.y', input.display?.offset?.y],
  ] as const) {
    if (value !== undefined && !Number.isSafeInteger(value)) bad(path, 'must be an integer');
  }
  return out;
}
