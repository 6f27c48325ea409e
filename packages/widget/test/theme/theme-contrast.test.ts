/**
 * WCAG 2.x contrast of the widget's default palettes, read from the widget's style
 * sheet (`src/ui/styles.ts`), so a colour change there is checked here: text ≥ 4.5:1 (AA normal
 * text), UI components and graphics ≥ 3:1 (WCAG 1.4.11), in light and dark.
 */
import { describe, expect, it } from 'vitest';
import { WIDGET_CSS } from '../../src/ui/styles.js';

type Palette = Record<string, string>;

function block(selector: string): string {
  const start = WIDGET_CSS.indexOf(`${selector}{`);
  if (start === -1) throw new Error(`styles.ts has no "${selector}{" rule; update theme-contrast.test.ts`);
  const open = start + selector.length;
  return WIDGET_CSS.slice(open + 1, WIDGET_CSS.indexOf('}', open));
}

function palette(selector: string): Palette {
  const vars: Palette = {};
  for (const m of block(selector).matchAll(/--earful-([a-z-]+):(#[0-9a-fA-F]{3,8})/g)) vars[m[1]!] = m[2]!;
  return vars;
}

/** sRGB hex → relative luminance (WCAG 2.x definition). */
function luminance(hex: string): number {
  let h = hex.slice(1);
  if (h.length === 3 || h.length === 4) h = [...h.slice(0, 3)].map((c) => c + c).join('');
  const channel = (i: number) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function starColour(scheme: 'light' | 'dark'): string {
  // Selected stars take the palette's --earful-star, so "auto" in a dark system gets the dark one.
  if (!WIDGET_CSS.includes('.stars5 .opt.on{color:var(--earful-star)}')) throw new Error('styles.ts: selected stars no longer use --earful-star');
  const colour = palette(scheme === 'light' ? ':host' : ':host([data-scheme=dark])').star;
  if (!colour) throw new Error(`styles.ts: no ${scheme} --earful-star`);
  return colour;
}

it('computes contrast like the WCAG reference values', () => {
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  expect(contrast('#fff', '#fff')).toBe(1);
});

const light = palette(':host');
const dark = palette(':host([data-scheme=dark])');

it('uses the same dark palette for "auto" in a dark system scheme as for "dark"', () => {
  expect(palette('@media (prefers-color-scheme:dark){:host([data-scheme=auto])')).toEqual(dark);
});

describe.each([
  ['light', light, starColour('light')],
  ['dark', dark, starColour('dark')],
] as const)('%s palette', (_scheme, p, star) => {
  const text: Array<[string, string, string]> = [
    ['text on background', p.text!, p.bg!],
    ['muted text on background', p.muted!, p.bg!],
    ['text on the hover/soft surface', p.text!, p.soft!],
    ['muted text on the hover/soft surface', p.muted!, p.soft!],
    ['label on accent (primary button, chosen option, launcher)', p['on-accent']!, p.accent!],
    ['error text on background', p.danger!, p.bg!],
  ];
  const ui: Array<[string, string, string]> = [
    ['field and option borders on background', p.border!, p.bg!],
    ['accent (focus ring, chosen border) on background', p.accent!, p.bg!],
    ['chosen stars on background', star, p.bg!],
    ['unchosen stars (muted) on background', p.muted!, p.bg!],
  ];
  it.each(text)('text ≥ 4.5:1 — %s', (_what, fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });
  it.each(ui)('UI ≥ 3:1 — %s', (_what, fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(3);
  });
});
