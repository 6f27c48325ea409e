/**
 * Screenshots for the theming docs (test-results/theming/theme-*.png; the docs keep a copy in docs/images/): the default light and dark
 * schemes, right to left (Arabic) and a custom brand, rendered in real Chromium through the
 * public `mountWidget()`. Each also checks the theme really reached the host.
 */
import { afterEach, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { Survey, Theme } from '@earful/schema';
import { createTranslator } from '../../src/i18n/translator.js';
import { loadMessages } from '../../src/i18n/load-messages.js';
import { mountInline, unmountAll } from '../support/mount-inline.js';
import { complaintSurvey } from '../../src/presets/complaint.js';

afterEach(unmountAll);

async function shoot(name: string, locale: string, theme: Theme) {
  const t = createTranslator({ locale, messages: await loadMessages(locale) });
  const survey: Survey = { ...complaintSurvey(t), theme };
  const { target, host, panel } = await mountInline(survey, locale, 'width:380px;padding:12px;background:' + (theme.scheme === 'dark' ? '#111' : '#f4f4f6'));
  await page.screenshot({ element: target, path: `../../test-results/theming/theme-${name}.png` });
  return { host, panel };
}

it('light (default)', async () => {
  const { panel } = await shoot('light', 'en', { scheme: 'light' });
  expect(getComputedStyle(panel).direction).toBe('ltr');
});

it('dark', async () => {
  const { host } = await shoot('dark', 'en', { scheme: 'dark' });
  expect(host.getAttribute('data-scheme')).toBe('dark');
});

it('right to left (Arabic)', async () => {
  const { panel } = await shoot('rtl', 'ar', { scheme: 'light' });
  expect(getComputedStyle(panel).direction).toBe('rtl');
});

it('custom brand', async () => {
  const { host } = await shoot('brand', 'en', { scheme: 'light', accent: '#7b1fa2', radius: 4, font: 'Georgia, serif' });
  expect(getComputedStyle(host).getPropertyValue('--earful-accent').trim()).toBe('#7b1fa2');
});
