/**
 * How a reply template is filled in — one rule for the receiver (which mails it) and the inbox
 * (which shows it to edit before sending), so what a person edits is what the customer gets.
 * `{var}` is a value, `[[…]]` is a part kept only when every value in it is known, and
 * `[[A|B]]` says `B` when `A` cannot be said — so a missing order id drops a phrase, not a word.
 * No zod, and only in `@earful/schema/lean` (the receiver imports it from there too).
 */

/** Every variable a template may use (`url` only means something in the follow-up mail). */
export const TEMPLATE_VARIABLES = ['name', 'orderId', 'agent', 'dueDate', 'url'] as const;

/** A template variable's name. */
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** The values of a template's variables, as strings; a missing one leaves out what needs it. */
export type TemplateValues = Partial<Record<TemplateVariable, string>>;

/** `{name}` and the like. */
export const TEMPLATE_VARIABLE = /\{([A-Za-z]+)\}/g;
/** `[[…]]` and `[[A|B]]`. */
export const TEMPLATE_OPTIONAL = /\[\[([\s\S]*?)\]\]/g;
// Dates in lv and et stand after a colon; digits there read as plainly as in a form.
const NUMERIC_DATES = new Set(['lv', 'et']);

function formatDate(value: string, locale: string, templateLocale: string): string {
  if (!/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))?$/.test(value)) return value;
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time)) return value;
  const style: Intl.DateTimeFormatOptions = NUMERIC_DATES.has(templateLocale.split('-')[0]!.toLowerCase())
    ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }
    : { dateStyle: 'long', timeZone: 'UTC' };
  for (const tag of [locale, templateLocale]) {
    try {
      return new Intl.DateTimeFormat(tag, style).format(time);
    } catch {
      // not a tag Intl knows: try the template's own locale
    }
  }
  return value;
}

/**
 * The values a template is filled with: blank ones dropped, and `dueDate` given as an ISO date
 * (`2026-12-05` or a full time) written as a date of the customer's `locale` (numeric in the
 * `templateLocale`s that put it after a colon); any other text is used as is.
 *
 * @example
 * ```ts
 * templateValues({ name: ' 김민지 ', dueDate: '2026-12-05' }, 'ko-KR', 'ko'); // { name: '김민지', dueDate: '2026년 12월 5일' }
 * ```
 */
export function templateValues(vars: Readonly<Partial<Record<string, string | undefined>>>, locale: string, templateLocale: string): TemplateValues {
  const out: TemplateValues = {};
  for (const name of TEMPLATE_VARIABLES) {
    const value = vars[name]?.trim();
    if (value) out[name] = value;
  }
  if (out.dueDate !== undefined) out.dueDate = formatDate(out.dueDate, locale, templateLocale);
  return out;
}

/**
 * Fills in one template text: optional parts first, then the values, in one pass (a value is
 * never read as markup).
 *
 * @example
 * ```ts
 * fillTemplate('Hello[[ {name}]], about [[order {orderId}|your order]]', { name: 'Mari' }); // 'Hello Mari, about your order'
 * ```
 */
export function fillTemplate(text: string, values: TemplateValues): string {
  const known = (name: string) => (values as Record<string, string | undefined>)[name] !== undefined;
  const chosen = text.replace(TEMPLATE_OPTIONAL, (_, inner: string) => {
    for (const alternative of inner.split('|')) {
      if ([...alternative.matchAll(TEMPLATE_VARIABLE)].every(([, name]) => known(name!))) return alternative;
    }
    return '';
  });
  const tidy = chosen
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return tidy.replace(TEMPLATE_VARIABLE, (_, name: string) => (values as Record<string, string | undefined>)[name] ?? '');
}
