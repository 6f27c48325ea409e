/**
 * The complaint preset in every bundled locale, in real Chromium through the public
 * `mountWidget()`: the visitor's words come from that locale's chunk, Arabic, Hebrew and Persian
 * lay out right to left, nothing overflows the panel, every letter of the locale has a glyph (no
 * missing-glyph boxes), axe finds no violations in ar and te, and screenshots of the complaint
 * preset and of the thermometer scale land in test-results/theming/locales/ for people to look at.
 *
 * The glyph check needs fonts for every script the widget speaks (CJK, Thai, Devanagari, Telugu,
 * Arabic, Hebrew): `.ci/run` installs Debian's fonts-noto-core and fonts-noto-cjk. Visitors'
 * systems ship these scripts; a machine without them fails here, naming the letters.
 */
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { MessageValue } from '../../src/locales/en.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { isRtl, SUPPORTED_LOCALES } from '../../src/i18n/supported-locales.js';
import { loadMessages } from '../../src/i18n/load-messages.js';
import { mountInline, unmountAll } from '../support/mount-inline.js';

const SIZE = 48;

/**
 * The characters of `text` (letters and marks) that `font` (with the browser's fallback fonts) draws as the missing-glyph
 * box: each letter's pixels are compared with those of an unassigned code point (U+0378), which
 * every font draws as that box. A real glyph never has the box's exact pixels.
 */
function missingGlyphs(text: string, font: string): string[] {
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.font = font;
  context.textBaseline = 'top';
  const draw = (letter: string) => {
    context.clearRect(0, 0, SIZE, SIZE);
    context.fillText(letter, 2, 2);
    return context.getImageData(0, 0, SIZE, SIZE).data.join();
  };
  const box = draw('\u0378');
  return [...new Set(text.replace(/[\s\p{P}\p{S}\p{N}\p{Cf}]/gu, ''))].filter((letter) => draw(letter) === box);
}

const everyText = (messages: Record<string, MessageValue>) =>
  Object.values(messages)
    .flatMap((value) => (typeof value === 'string' ? [value] : Object.values(value)))
    .join(' ');

function expectNoOverflow(panel: HTMLElement) {
  for (const element of [panel, ...panel.querySelectorAll<HTMLElement>('*')]) {
    expect(element.scrollWidth, `${element.className || element.tagName} overflows`).toBeLessThanOrEqual(element.clientWidth + 1);
  }
}

afterEach(unmountAll);

it('the glyph check tells a missing glyph from a drawn one', () => {
  const font = '15px system-ui, sans-serif';
  expect(missingGlyphs('A', font)).toEqual([]);
  // Unassigned code points, and letters of scripts no Debian font covers (Toto, Kawi, Nag Mundari:
  // Unicode 14–15), are drawn as the box, exactly as Thai was before its font was installed.
  expect(missingGlyphs('A\u0379 \u0380', font)).toEqual(['\u0379', '\u0380']);
  expect(missingGlyphs('\u{1E290}\u0E01\u{11F04}\u0915\u{1E4D0}\u4E2D', font)).toEqual(['\u{1E290}', '\u{11F04}', '\u{1E4D0}']);
});

describe.each(SUPPORTED_LOCALES)('%s', (locale) => {
  it('shows the complaint preset in the locale’s own words and direction, without overflow or missing glyphs', async () => {
    const messages = await loadMessages(locale);
    const t = createTranslator({ locale, messages });
    const { host, root, panel, target } = await mountInline('complaint', locale);
    expect(root.querySelector('h2')?.textContent).toBe(t('complaint.title'));
    expect(root.textContent).toContain(t('complaint.rating'));
    expect(host.dir || panel.dir).toBe(isRtl(locale) ? 'rtl' : 'ltr');
    expect(panel.getAttribute('lang')).toBe(locale);
    expectNoOverflow(panel);
    await page.screenshot({ element: target, path: `../../test-results/theming/locales/${locale}.png` });
    // Every word the locale can show, in the fonts of the heading and of the body text.
    for (const element of [root.querySelector('h2')!, panel]) {
      expect(missingGlyphs(everyText(messages), getComputedStyle(element).font), `${locale}: letters drawn as boxes`).toEqual([]);
    }
  });

  it('names the thermometer’s colours on their buttons without squeezing them', async () => {
    const t = createTranslator({ locale, messages: await loadMessages(locale) });
    const survey = { id: 'mood', questions: [{ id: 'mood', type: 'rating' as const, scale: 'thermometer4' as const, prompt: t('complaint.rating') }] };
    const { root, panel, target } = await mountInline(survey, locale);
    const buttons = [...root.querySelectorAll<HTMLElement>('.scale.thermometer4 button')];
    expect(buttons.map((b) => b.textContent)).toEqual([1, 2, 3, 4].map((v) => t(`scale.thermometer4.${v}` as 'scale.thermometer4.1')));
    expectNoOverflow(panel);
    await page.screenshot({ element: target, path: `../../test-results/theming/locales/thermometer-${locale}.png` });
  });
});

describe.each(['ar', 'te'])('axe in %s', (locale) => {
  it('finds no violations', async () => {
    const { target } = await mountInline('complaint', locale);
    const result = await axe.run(target, { resultTypes: ['violations'] });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
