/**
 * `@earful/schema` — the contract between the widget, the SDK and every backend.
 * Every public export is named here; `./internal/` is never exported.
 */
export { ConfigError, EarfulError, ValidationError, isConfigError, isEarfulError, isValidationError, type FieldProblem } from './errors.js';
export { RESPONSE_LIMITS, SURVEY_LIMITS } from './limits.js';
export { codePointLength, responseByteLength, utf8ByteLength } from './byte-length.js';
export { RATING_SCALES, SCALES, isValidRating, type RatingScale, type ScaleDefinition, type Sentiment } from './scales.js';
export { responseSentiment, sentimentOf } from './sentiment.js';
export {
  answerSchema,
  choiceAnswerSchema,
  contactAnswerSchema,
  contextSchema,
  ratingAnswerSchema,
  responseSchema,
  textAnswerSchema,
  userSchema,
  type Answer,
  type ChoiceAnswer,
  type ContactAnswer,
  type RatingAnswer,
  type ResponseContext,
  type ResponseUser,
  type SurveyResponse,
  type SurveyResponseInput,
  type TextAnswer,
} from './response-schema.js';
export {
  choiceOptionSchema,
  choiceQuestionSchema,
  conditionSchema,
  contactQuestionSchema,
  displaySchema,
  localizedTextSchema,
  questionSchema,
  ratingQuestionSchema,
  surveySchema,
  targetingSchema,
  textQuestionSchema,
  themeSchema,
  triggerSchema,
  urlRuleSchema,
  type ChoiceQuestion,
  type Condition,
  type ContactQuestion,
  type Display,
  type LocalizedText,
  type Question,
  type RatingQuestion,
  type Survey,
  type SurveyInput,
  type Targeting,
  type TextQuestion,
  type Theme,
  type Trigger,
  type UrlRule,
} from './survey-schema.js';
export { surveyRuleProblems } from './survey-rules.js';
export { COLOR_PATTERN, FONT_PATTERN, ID_PATTERN, LOCALE_PATTERN, PHONE_PATTERN, TEXT_KEY_PATTERN } from './patterns.js';
export { MAX_REGEX_COUNT, MAX_REGEX_LENGTH, MAX_REGEX_REPEATS, MAX_REGEX_SUBJECT, checkSafeRegex } from './safe-regex.js';
export { parseResponse, parseSurvey, safeParseResponse, safeParseSurvey, type SafeParseResult } from './parse.js';
export { safeParseWith } from './parse-with.js';
export { checkResponse } from './check-response.js';
export { newResponseId } from './new-response-id.js';
export { retryAfterTime } from './retry-after.js';
export {
  CASE_LIMITS,
  CASE_STATUSES,
  REMEDIES,
  actorSchema,
  apiProblemSchema,
  caseDetailSchema,
  caseListItemSchema,
  caseListPageSchema,
  casePatchSchema,
  caseQuerySchema,
  caseSchema,
  caseStatusSchema,
  followUpInputSchema,
  followUpLinkSchema,
  followUpStateSchema,
  noteInputSchema,
  remedySchema,
  replyInputSchema,
  replyTemplateSchema,
  staffMemberSchema,
  tagSchema,
  timelineEventSchema,
  tombstoneSchema,
  type ApiProblem,
  type Case,
  type CaseDetail,
  type CaseListItem,
  type CaseListPage,
  type CasePatch,
  type CaseQueryInput,
  type CaseStatus,
  type FollowUpInput,
  type FollowUpLink,
  type FollowUpState,
  type NoteInput,
  type Remedy,
  type ReplyInput,
  type ReplyTemplate,
  type StaffMember,
  type TimelineEvent,
  type Tombstone,
} from './case-schema.js';
export { durationStatsSchema, summaryDaySchema, summarySchema, type DurationStats, type Summary, type SummaryDay } from './summary-schema.js';
export {
  PASSWORD_LIMITS,
  loginLinkInputSchema,
  passwordSchema,
  sessionInputSchema,
  sessionSchema,
  setupInputSchema,
  type LoginLinkInput,
  type Session,
  type SessionInput,
  type SetupInput,
} from './session-schema.js';
