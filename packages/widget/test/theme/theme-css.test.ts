/** The text colour on a survey's accent: dark on light accents, white on dark ones, read from #hex. */
import { describe, expect, it } from 'vitest';
import { themeCss } from '../../src/ui/theme-css.js';

const onAccent = (accent: string) => /--earful-on-accent:([^;}]+)/.exec(themeCss({ accent }, undefined))?.[1];

describe('themeCss: text on the accent', () => {
  it('reads six-digit colours whole (#0b57d0 is dark blue, not #00bb55)', () => {
    expect(onAccent('#0b57d0')).toBe('#fff');
    expect(onAccent('#1a237e')).toBe('#fff');
    expect(onAccent('#ffd54f')).toBe('#111');
  });

  it('reads three-digit colours', () => {
    expect(onAccent('#fff')).toBe('#111');
    expect(onAccent('#006')).toBe('#fff');
  });

  it('leaves colours it cannot judge to the default', () => {
    expect(onAccent('rebeccapurple')).toBeUndefined();
    expect(onAccent('#0b57d0cc')).toBeUndefined();
  });
});
