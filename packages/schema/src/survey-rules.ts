/**
 * Rules of a survey definition that tie one field to another, which a per-field schema (and the
 * JSON Schema file) cannot say: ids are unique, conditions point at earlier questions and ask
 * something that question can answer. Pure: takes a structurally valid survey, returns problems.
 */
import type { FieldProblem } from './errors.js';
import { isValidRating } from './scales.js';
import type { Survey } from './survey-schema.js';

/**
 * Every cross-field problem of a structurally valid survey, or `[]`.
 *
 * @example
 * ```ts
 * surveyRuleProblems(survey).forEach((p) => console.error(p.path, p.message));
 * ```
 */
export function surveyRuleProblems(survey: Survey): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  survey.questions.forEach((question, index) => {
    const at = `questions[${index}]`;
    const first = seen.get(question.id);
    if (first !== undefined) {
      problems.push({ path: `${at}.id`, message: `"${question.id}" is already the id of questions[${first}]; question ids must be unique` });
    } else seen.set(question.id, index);

    if (question.type === 'choice') {
      const optionIds = new Set<string>();
      question.options.forEach((option, o) => {
        if (optionIds.has(option.id)) {
          problems.push({ path: `${at}.options[${o}].id`, message: `"${option.id}" is used twice; option ids must be unique` });
        }
        optionIds.add(option.id);
      });
    }

    const condition = question.showIf;
    if (!condition) return;
    const where = `${at}.showIf`;
    const targetIndex = seen.get(condition.question);
    const target = targetIndex === undefined || targetIndex === index ? undefined : survey.questions[targetIndex];
    if (!target) {
      problems.push({
        path: `${where}.question`,
        message: `"${condition.question}" is not the id of an earlier question; a condition can only look back`,
      });
      return;
    }
    if (!condition.sentiment && !condition.values) {
      problems.push({ path: where, message: 'needs "sentiment" or "values" to say when the question shows' });
    }
    if (condition.sentiment && target.type !== 'rating') {
      problems.push({ path: `${where}.sentiment`, message: `only works on a rating question, but "${target.id}" is a ${target.type} question` });
    }
    condition.values?.forEach((value, v) => {
      const path = `${where}.values[${v}]`;
      if (target.type === 'rating') {
        if (typeof value !== 'number' || !isValidRating(target.scale, value)) {
          problems.push({ path, message: `${JSON.stringify(value)} is not a value of the ${target.scale} scale of "${target.id}"` });
        }
      } else if (target.type === 'choice') {
        if (!target.options.some((o) => o.id === value)) {
          problems.push({ path, message: `${JSON.stringify(value)} is not an option id of "${target.id}"` });
        }
      } else {
        problems.push({ path, message: `values only work on rating and choice questions, but "${target.id}" is a ${target.type} question` });
      }
    });
  });
  if (survey.display?.mode === 'inline' && !survey.display.target) {
    problems.push({ path: 'display.target', message: 'is required when display.mode is "inline" (a CSS selector of the host element)' });
  }
  return problems;
}
