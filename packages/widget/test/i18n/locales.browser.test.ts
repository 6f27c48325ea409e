/**
 * The complaint preset in every bundled locale, in real Chromium through the public
 * `mountWidget()`: the visitor's words come from that locale's chunk, Arabic and Hebrew lay out
 * right to left, nothing overflows the panel, axe finds no violations in ar and te, and a
 * screenshot per locale lands in test-results/theming/locales/ for people to look at (tofu boxes show
 * up there when the machine lacks a font for the script; see the README note there).
 */
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { createTranslator } from '../../src/i18n/translator.js';
import { isRtl, SUPPORTED_LOCALES } from '../../src/i18n/supported-locales.js';
import { loadMessages } from '../../src/i18n/load-messages.js';
import { mountInline, unmountAll } from '../reach/mount-inline.js';

/**
 * True when this machine has a font with glyphs for `text`: with none, Chromium draws every code
 * point as the same .notdef box, exactly as wide as an unassigned code point (U+0378).
 */
function machineHasGlyphs(text: string, font: string): boolean {
  const context = document.createElement('canvas').getContext('2d')!;
  context.font = font;
  const letters = [...text.replace(/[\s\p{P}\p{N}]/gu, '')];
  return context.measureText(letters.join('')).width !== context.measureText('\u0378'.repeat(letters.length)).width;
}
const missingFonts: string[] = [];

afterEach(unmountAll);

describe.each(SUPPORTED_LOCALES)('complaint preset in %s', (locale) => {
  it('shows the locale’s own words, in its direction, without overflow', async () => {
    const t = createTranslator({ locale, messages: await loadMessages(locale) });
    const { host, root, panel, target } = await mountInline('complaint', locale);
    expect(root.querySelector('h2')?.textContent).toBe(t('complaint.title'));
    expect(root.textContent).toContain(t('complaint.rating'));
    expect(host.dir || panel.dir).toBe(isRtl(locale) ? 'rtl' : 'ltr');
    expect(panel.getAttribute('lang')).toBe(locale);
    for (const element of [panel, ...panel.querySelectorAll<HTMLElement>('*')]) {
      expect(element.scrollWidth, `${element.className || element.tagName} overflows`).toBeLessThanOrEqual(element.clientWidth + 1);
    }
    await page.screenshot({ element: target, path: `../../test-results/theming/locales/${locale}.png` });
    if (!machineHasGlyphs(t('complaint.rating'), getComputedStyle(root.querySelector('h2')!).font)) missingFonts.push(locale);
  });
});

it('says which screenshots show tofu because this machine lacks a font (a machine problem, not a widget one)', () => {
  // Visitors' systems (Android, iOS, Windows, macOS) ship these scripts; a bare Linux CI may not.
  if (missingFonts.length > 0) {
    console.warn(`No system font for ${missingFonts.join(', ')} on this machine: their screenshots show boxes. Install e.g. fonts-noto-core and fonts-noto-cjk to check them.`);
  }
  expect(missingFonts).not.toContain('en');
});

describe.each(['ar', 'te'])('axe in %s', (locale) => {
  it('finds no violations', async () => {
    const { target } = await mountInline('complaint', locale);
    const result = await axe.run(target, { resultTypes: ['violations'] });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
