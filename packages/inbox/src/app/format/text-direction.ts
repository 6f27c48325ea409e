/**
 * The writing direction of a customer's language, for `dir` on what they wrote: from
 * `Intl.Locale`'s text info where the browser has it, else `auto` (the browser decides by the
 * first strong letter) — never a guess of `ltr` for Arabic.
 */
export function textDirection(locale: string): 'ltr' | 'rtl' | 'auto' {
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & { getTextInfo?: () => { direction?: string }; textInfo?: { direction?: string } };
    const direction = info.getTextInfo?.().direction ?? info.textInfo?.direction;
    return direction === 'rtl' || direction === 'ltr' ? direction : 'auto';
  } catch {
    return 'auto';
  }
}
