import { describe, expect, it } from 'vitest';

describe('the public surface', () => {
  it('exports exactly these names', async () => {
    const api = await import('../src/index.js');
    expect(Object.keys(api).sort()).toEqual(
      [
        'OTHER',
        'PRESET_NAMES',
        'SUPPORTED_LOCALES',
        'createReachController',
        'isRtl',
        'resolveLocale',
        'WidgetConfigError',
        'buildAnswers',
        'checkSurvey',
        'complaintSurvey',
        'en',
        'isShown',
        'isWidgetConfigError',
        'mountWidget',
        'nextQuestionId',
        'previousQuestionId',
        'progressOf',
        'stepProblem',
        'textLimit',
        'visibleQuestions',
      ].sort(),
    );
  });
  it('imports in Node without touching the DOM (SSR)', async () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    const { mountWidget } = await import('../src/index.js');
    expect(typeof mountWidget).toBe('function');
  });
  it('mountWidget without endpoint or client throws a config error naming the option', async () => {
    const { mountWidget, isWidgetConfigError } = await import('../src/index.js');
    let error: unknown;
    try {
      mountWidget({ survey: 'complaint', document: {} as Document });
    } catch (e) {
      error = e;
    }
    expect(isWidgetConfigError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^endpoint is required/);
  });
});
