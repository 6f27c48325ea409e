/**
 * `@earful/widget` — the embeddable survey. Every public export is named here; nothing else is
 * (`./parts/` holds the build variants). Importing this module touches no DOM (safe during SSR).
 */
export { mountWidget, type DisplayMode, type MountWidgetOptions, type WidgetClient, type WidgetHandle, type WidgetMetadata } from './mount-widget.js';
export { WidgetConfigError, isWidgetConfigError } from './widget-error.js';
export { complaintSurvey, PRESET_NAMES, type PresetName, type TextLookup } from './presets/complaint.js';
export { checkSurvey } from '@earful/schema/lean';
export { isShown, visibleQuestions } from './flow/conditions.js';
export { nextQuestionId, previousQuestionId, progressOf, type Progress } from './flow/steps.js';
export { buildAnswers } from './flow/build-answers.js';
export { stepProblem, textLimit, type StepProblem } from './flow/step-problem.js';
export { OTHER, type Draft, type Drafts } from './flow/drafts.js';
export type { SendStatus, SubmitEvent } from './ui/store.js';
export { default as en, type MessageKey, type MessageValue, type Messages, type PluralMessage } from './locales/en.js';
export { SUPPORTED_LOCALES, isRtl, resolveLocale, type SupportedLocale } from './i18n/index.js';
export { createReachController, type ReachController, type ReachControllerOptions } from './reach/index.js';
