/**
 * The four parse helpers: strict (`parse*`, throws a `ValidationError` listing every bad field)
 * and safe (`safeParse*`, returns a result). Surveys also go through the cross-field rules.
 */
import { ValidationError } from './errors.js';
import { formatIssues } from './internal/format-issues.js';
import { responseSchema, type SurveyResponse } from './response-schema.js';
import { surveyRuleProblems } from './survey-rules.js';
import { surveySchema, type Survey } from './survey-schema.js';

/** What `safeParseResponse` and `safeParseSurvey` return. */
export type SafeParseResult<T> = { success: true; data: T } | { success: false; error: ValidationError };

/**
 * Validates a response without throwing.
 *
 * @example
 * ```ts
 * const result = safeParseResponse(JSON.parse(body));
 * if (!result.success) console.log(result.error.fields);
 * ```
 */
export function safeParseResponse(input: unknown): SafeParseResult<SurveyResponse> {
  const result = responseSchema.safeParse(input);
  if (result.success) return { success: true, data: result.data };
  const issues = result.error.issues;
  return { success: false, error: new ValidationError('response', formatIssues(issues, input), issues, { cause: result.error }) };
}

/**
 * Validates a response; throws a {@link ValidationError} whose message lists every bad field.
 *
 * @example
 * ```ts
 * const response = parseResponse(await request.json());
 * ```
 */
export function parseResponse(input: unknown): SurveyResponse {
  const result = safeParseResponse(input);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Validates a survey definition, including the rules that tie fields together, without throwing.
 *
 * @example
 * ```ts
 * const result = safeParseSurvey(config);
 * if (!result.success) console.error(result.error.message);
 * ```
 */
export function safeParseSurvey(input: unknown): SafeParseResult<Survey> {
  const result = surveySchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues;
    return { success: false, error: new ValidationError('survey', formatIssues(issues, input), issues, { cause: result.error }) };
  }
  const problems = surveyRuleProblems(result.data);
  if (problems.length > 0) return { success: false, error: new ValidationError('survey', problems) };
  return { success: true, data: result.data };
}

/**
 * Validates a survey definition; throws a {@link ValidationError} listing every bad field.
 *
 * @example
 * ```ts
 * const survey = parseSurvey({ id: 'nps', questions: [{ id: 'score', type: 'rating', scale: 'nps', prompt: 'Would you recommend us?' }] });
 * ```
 */
export function parseSurvey(input: unknown): Survey {
  const result = safeParseSurvey(input);
  if (!result.success) throw result.error;
  return result.data;
}
