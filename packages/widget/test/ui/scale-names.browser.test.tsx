/**
 * Rating buttons in every bundled locale, in real Chromium: the accessible name holds what the
 * button shows (WCAG 2.5.3 Label in Name — "1, Very unsatisfied", "Red, Unhappy"), a name never
 * mixes two digit systems (`{count} out of {max}` both through Intl), and a thermometer colour's
 * short name fits its button in the narrowest panel (320 px screen). Screenshots of the
 * thermometer per locale land in test-results/scales/ for people to look at.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { SUPPORTED_LOCALES } from '../../src/i18n/supported-locales.js';
import { cleanup, everyTypeSurvey, mount } from './helpers.js';

afterEach(async () => {
  cleanup();
  await page.viewport(414, 896);
});

/** One inline survey per scale (a survey shows one question at a time). */
function mountScales(locale?: string) {
  return everyTypeSurvey()
    .questions.filter((q) => q.type === 'rating')
    .map((q) => {
      const target = document.body.appendChild(document.createElement('div'));
      return mount({ id: `s-${q.id}`, questions: [q] }, { mode: 'inline', target, ...(locale ? { locale } : {}) });
    });
}

/** The words a button shows (symbols such as ★ are not words a voice user would say). */
function shownWords(button: HTMLElement): string {
  return /[\p{L}\p{N}]/u.test(button.innerText) ? button.innerText.trim().replace(/\s+/g, ' ') : '';
}

/** The blocks of 16 code points the name's decimal digits come from: one block = one digit system. */
function digitSystems(text: string): Set<number> {
  return new Set([...text.matchAll(/\p{Nd}/gu)].map(([d]) => d.codePointAt(0)! >> 4));
}

describe.each(SUPPORTED_LOCALES)('rating buttons in %s', (locale) => {
  it('are named with what they show, in one digit system', async () => {
    const all = mountScales(locale);
    await Promise.all(all.map((m) => m.widget.ready));
    const buttons = all.flatMap((m) => m.$$<HTMLButtonElement>('[role=radio]'));
    expect(buttons).toHaveLength(5 + 5 + 5 + 11 + 4 + 2 + 7);
    for (const button of buttons) {
      const name = button.getAttribute('aria-label') ?? '';
      const shown = shownWords(button);
      const scale = button.closest('[role=radiogroup]')!.classList[1];
      expect(name.length, `${scale} option without a name`).toBeGreaterThan(0);
      expect(name.startsWith(shown) || name.includes(shown), `${locale} ${scale}: name "${name}" lacks the shown "${shown}"`).toBe(true);
      expect(digitSystems(name).size, `${locale} ${scale}: "${name}" mixes digit systems`).toBeLessThanOrEqual(1);
      if (shown) expect([...digitSystems(name)], `${locale} ${scale}: "${name}" writes its number unlike the button "${shown}"`).toEqual([...digitSystems(shown)].length ? [...digitSystems(shown)] : [...digitSystems(name)]);
    }
  });

  it.each([320, 390])('fit a thermometer colour’s name in its button on a %i px screen', async (width) => {
    await page.viewport(width, 640);
    const m = mount({ id: 'thermo', questions: [{ id: 't', type: 'rating', scale: 'thermometer4', prompt: '…' }] }, { locale });
    m.widget.open();
    await m.widget.ready;
    for (const button of m.$$<HTMLButtonElement>('.thermometer4 [role=radio]')) {
      const name = button.querySelector<HTMLElement>('.name')!;
      const lines = name.getBoundingClientRect().height / parseFloat(getComputedStyle(name).lineHeight);
      const what = `${locale} "${name.textContent}" in a ${Math.round(button.clientWidth)} px button`;
      expect(name.textContent?.includes(':') || name.textContent?.includes('：'), `${what} is a sentence, not a name`).toBe(false);
      expect(name.scrollWidth, `${what} overflows`).toBeLessThanOrEqual(name.clientWidth + 1);
      expect(button.scrollWidth, `${what} overflows the button`).toBeLessThanOrEqual(button.clientWidth + 1);
      expect(lines, `${what} takes ${lines.toFixed(1)} lines (at most 2)`).toBeLessThan(2.5);
    }
    m.$$<HTMLButtonElement>('[role=radio]')[1]!.click();
    await page.screenshot({ element: m.$('.popover'), path: `../../test-results/scales/thermometer-${locale}-${width}.png` });
  });
});

it('names the English buttons as a voice user would say them', () => {
  const all = mountScales();
  const names = (scale: string) => all.flatMap((m) => m.$$(`.${scale} [role=radio]`)).map((b) => b.getAttribute('aria-label'));
  expect(names('csat5')).toEqual(['1, Very unsatisfied', '2, Unsatisfied', '3, Neutral', '4, Satisfied', '5, Very satisfied']);
  expect(names('thermometer4')).toEqual(['Red, Unhappy', 'Amber, Could be better', 'Green, Happy', 'Gold, Delighted']);
  expect(names('nps')[7]).toBe('7 out of 10');
  expect(names('ces7')[0]).toBe('1 out of 7');
  expect(names('emoji5')[0]).toBe('Very unhappy');
  expect(all.flatMap((m) => m.$$('.thermometer4 .name')).map((n) => n.textContent)).toEqual(['Red', 'Amber', 'Green', 'Gold']);
});
