/**
 * Turns the survey's validated theme and display options into `:host` custom properties. Every
 * value was checked by the survey check (colour and font patterns that cannot escape a
 * declaration, integers in range), so string building is safe here.
 */
import type { Display, Theme } from '@earful/schema';

// Light accents need dark text on them; only #hex can be judged without a colour parser.
function onAccent(accent: string): string | undefined {
  // Six digits first: with three first, `#0b57d0` would be read as `#0b5`.
  const hex = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(accent)?.[1];
  if (!hex) return undefined;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255) as [number, number, number];
  const lum = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lum(r) + 0.7152 * lum(g) + 0.0722 * lum(b) > 0.18 ? '#111' : '#fff';
}

/** The `:host` rule for a theme and display options (empty when there is nothing to set). */
export function themeCss(theme: Theme | undefined, display: Display | undefined): string {
  const vars: string[] = [];
  if (theme?.accent) {
    vars.push(`--earful-accent:${theme.accent}`);
    const on = onAccent(theme.accent);
    if (on) vars.push(`--earful-on-accent:${on}`);
  }
  if (theme?.radius !== undefined) vars.push(`--earful-radius:${theme.radius}px`);
  if (theme?.font) vars.push(`--earful-font:${theme.font}`);
  if (theme?.zIndex !== undefined) vars.push(`--earful-z:${theme.zIndex}`);
  if (display?.offset?.x !== undefined) vars.push(`--earful-x:${display.offset.x}px`);
  if (display?.offset?.y !== undefined) vars.push(`--earful-y:${display.offset.y}px`);
  return vars.length ? `:host,:host([data-scheme]){${vars.join(';')}}` : '';
}
