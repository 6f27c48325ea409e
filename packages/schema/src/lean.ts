/**
 * `@earful/schema/lean` — every rule of the contract that runs without zod, for browser bundles
 * that cannot afford it (the SDK, the widget) and for packages that only need the shared errors.
 * It re-exports the same modules as the main entry, so an error class is one class whichever
 * entry it came from. `test/size.test.ts` proves no zod reaches a bundle of this entry.
 */
export {
  ConfigError,
  EarfulError,
  ValidationError,
  errorGuard,
  isConfigError,
  isEarfulError,
  isValidationError,
  type FieldProblem,
} from './errors.js';
export { RESPONSE_LIMITS, SURVEY_LIMITS } from './limits.js';
export { codePointLength, responseByteLength, utf8ByteLength } from './byte-length.js';
export { RATING_SCALES, SCALES, isValidRating, type RatingScale, type ScaleDefinition, type Sentiment } from './scales.js';
export { responseSentiment, sentimentOf } from './sentiment.js';
export {
  COLOR_PATTERN,
  COLOR_WORDS,
  FONT_PATTERN,
  FONT_WORDS,
  ID_PATTERN,
  ID_WORDS,
  LOCALE_PATTERN,
  LOCALE_WORDS,
  PHONE_PATTERN,
  PHONE_WORDS,
  TEXT_KEY_PATTERN,
  TEXT_KEY_WORDS,
  UUID_WORDS,
} from './patterns.js';
export { MAX_REGEX_COUNT, MAX_REGEX_LENGTH, MAX_REGEX_REPEATS, MAX_REGEX_SUBJECT, checkSafeRegex } from './safe-regex.js';
export { surveyRuleProblems } from './survey-rules.js';
export { checkFlatRecord, checkResponse } from './check-response.js';
export { checkSurvey } from './check-survey.js';
export { surveyNeedsProblems } from './check-needs.js';
export { newResponseId } from './new-response-id.js';
export { retryAfterTime } from './retry-after.js';
export { localizedText } from './localized-text.js';
export { FOLLOW_UP_SURVEY } from './follow-up-survey.js';
export {
  TEMPLATE_OPTIONAL,
  TEMPLATE_VARIABLE,
  TEMPLATE_VARIABLES,
  fillTemplate,
  templateValues,
  type TemplateValues,
  type TemplateVariable,
} from './fill-template.js';
export type { Answer, ChoiceAnswer, ContactAnswer, RatingAnswer, SurveyResponse, TextAnswer } from './response-schema.js';
export type { LocalizedText, Question, Survey } from './survey-schema.js';
