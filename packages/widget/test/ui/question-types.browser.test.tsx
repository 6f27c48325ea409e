import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { axeViolations, cleanup, everyTypeSurvey, mount, until, type Mounted } from './helpers.js';

afterEach(cleanup);

/** Answers the current step of the every-type survey and moves on. */
async function answerStep(m: Mounted, id: string): Promise<void> {
  if (m.root.querySelector('[role=radiogroup]')) {
    const radios = m.$$<HTMLButtonElement>('[role=radio]');
    radios[0]!.click();
  } else if (id === 'text') {
    m.$<HTMLTextAreaElement>('textarea').focus();
    await userEvent.keyboard('hello');
  } else if (id === 'single' || id === 'multi') {
    m.$$<HTMLInputElement>('input[type=radio],input[type=checkbox]')[0]!.click();
  } else if (id === 'contact') {
    m.$<HTMLInputElement>('input[type=checkbox]').click();
    await until(() => m.root.querySelector('input[type=email]'), 'email field');
    m.$<HTMLInputElement>('input[type=email]').focus();
    await userEvent.keyboard('min@example.com');
  }
}

const IDS = ['csat5', 'stars5', 'emoji5', 'nps', 'thermometer4', 'thumbs', 'ces7', 'text', 'single', 'multi', 'contact'];

describe.each([
  ['light', 'en'],
  ['dark', 'en'],
  ['light', 'ar'],
  ['dark', 'he'],
] as const)('every question type, %s scheme, locale %s', (scheme, locale) => {
  it('renders each step with zero axe violations and submits valid answers', async () => {
    const survey = { ...everyTypeSurvey(), theme: { scheme } };
    const m = mount(survey, { locale, mode: 'inline', target: document.body });
    await m.widget.ready;
    expect(m.host.dataset.scheme).toBe(scheme);
    expect(m.$('.panel').getAttribute('dir')).toBe(locale === 'en' ? 'ltr' : 'rtl');
    for (const id of IDS) {
      await until(() => m.root.querySelector(`#p-${id}, label[for=f-${id}], legend`), `step ${id}`);
      expect(await axeViolations(m.host), `axe on step ${id}`).toEqual([]);
      await answerStep(m, id);
      expect(await axeViolations(m.host), `axe on answered step ${id}`).toEqual([]);
      m.$<HTMLButtonElement>('button[type=submit]').click();
    }
    await until(() => m.root.querySelector('.done'), 'the thank-you');
    expect(await axeViolations(m.host), 'axe on the thank-you').toEqual([]);
    expect(m.client.calls).toHaveLength(1);
    const answers = m.client.calls[0]!.answers;
    expect(answers.map((a) => a.questionId)).toEqual(IDS);
    expect(answers.find((a) => a.questionId === 'contact')).toEqual({ type: 'contact', questionId: 'contact', consent: true, email: 'min@example.com' });
    expect(m.root.querySelectorAll('[style]')).toHaveLength(0);
  });
});
