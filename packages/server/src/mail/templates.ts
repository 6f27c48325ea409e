/**
 * Reply templates: choosing one by name and locale (`ko-KR` → `ko` → `en`), the team's own texts
 * over the shipped ones, and rendering with the case's values. The markup is small on purpose:
 * `{var}` is a value, `[[…]]` is a part kept only when every value in it is known, and
 * `[[A|B]]` says `B` when `A` cannot be said — so a missing order id drops a phrase, not a word.
 */
import { TEMPLATE_OPTIONAL as OPTIONAL, TEMPLATE_VARIABLE as VARIABLE, TEMPLATE_VARIABLES, fillTemplate, templateValues, type TemplateValues as Values } from '@earful/schema/lean';
import { ConfigError } from '../errors.js';
import { SHIPPED_TEMPLATES } from './shipped-templates.js';

/**
 * Templates by name, then by locale (a language such as `ko`, or a tag such as `pt-BR`). Passed
 * as `templates`, they replace the shipped text of the same name and locale and add new ones.
 *
 * @example
 * ```ts
 * const templates: ReplyTemplates = { apology: { en: { subject: 'Sorry about {orderId}', body: 'Hello[[ {name}]], …\n\n{agent}' } } };
 * ```
 */
export type ReplyTemplates = Readonly<Record<string, Readonly<Record<string, { subject: string; body: string }>>>>;

/**
 * The values a reply fills in. Missing or blank values leave out the phrase that needs them.
 * `dueDate` given as an ISO date (`2026-12-05` or a full time) is written as a date of the
 * customer's locale; any other text is used as is.
 *
 * @example
 * ```ts
 * const vars: TemplateVars = { name: '김민지', orderId: 'A-1001', agent: '이서연', dueDate: '2026-12-05' };
 * ```
 */
export interface TemplateVars {
  name?: string;
  orderId?: string;
  agent?: string;
  dueDate?: string;
}

/** The template the follow-up link is mailed with; it is not offered as a reply. */
export const FOLLOW_UP_TEMPLATE = 'follow-up';
/** The template {@link renderReply} uses when none is named. */
export const DEFAULT_TEMPLATE = 'apology';
/** Every variable a template may use (`url` only means something in `follow-up`); the fill rule is in `@earful/schema`, shared with the inbox. */
export { TEMPLATE_VARIABLES };

/** What is wrong with one template text, or `null`. */
function textProblem(text: string): string | null {
  const outside = text.replace(OPTIONAL, '');
  if (outside.includes('[[') || outside.includes(']]')) return 'has a "[[" without its "]]" (or the other way round)';
  for (const [, name] of text.matchAll(VARIABLE)) {
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name!)) {
      return `uses {${name}}; the variables are ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(', ')}`;
    }
  }
  return null;
}

function merged(templates: ReplyTemplates | undefined): ReplyTemplates {
  if (!templates) return SHIPPED_TEMPLATES;
  const out: Record<string, Record<string, { subject: string; body: string }>> = {};
  for (const [name, locales] of Object.entries(SHIPPED_TEMPLATES)) out[name] = { ...locales };
  for (const [name, locales] of Object.entries(templates)) {
    for (const [locale, text] of Object.entries(locales)) {
      for (const part of ['subject', 'body'] as const) {
        if (typeof text?.[part] !== 'string') throw new ConfigError(`templates.${name}.${locale}.${part} must be a string`);
        const problem = textProblem(text[part]);
        if (problem) throw new ConfigError(`templates.${name}.${locale}.${part} ${problem}`);
      }
    }
    out[name] = { ...out[name], ...locales };
  }
  return out;
}

/** The locale of `locales` to use for `wanted`: the exact tag, then its language, then `en`, then any. */
function pickLocale(locales: Readonly<Record<string, unknown>>, wanted: string): string | undefined {
  const keys = Object.keys(locales);
  const lower = wanted.toLowerCase();
  const language = lower.split('-')[0];
  return (
    keys.find((k) => k.toLowerCase() === lower) ??
    keys.find((k) => k.toLowerCase() === language) ??
    keys.find((k) => k === 'en') ??
    keys[0]
  );
}

function render(name: string, locale: string, vars: Values, templates: ReplyTemplates | undefined) {
  const all = merged(templates);
  const locales = all[name];
  if (!locales) {
    throw new ConfigError(`there is no reply template ${JSON.stringify(name)}; the templates are ${Object.keys(all).filter((n) => n !== FOLLOW_UP_TEMPLATE).map((n) => JSON.stringify(n)).join(', ')}`);
  }
  const used = pickLocale(locales, locale);
  if (used === undefined) throw new ConfigError(`reply template ${JSON.stringify(name)} has no text in any locale`);
  const text = locales[used]!;
  const values = templateValues(vars, locale, used);
  return { subject: fillTemplate(text.subject, values).replace(/\s+/g, ' '), body: fillTemplate(text.body, values), locale: used, template: name };
}

/**
 * A reply ready to edit and send: the template (default `apology`) in the customer's locale,
 * with the values filled in. Throws a `ConfigError` for an unknown template name or a malformed
 * edited template, naming the problem.
 *
 * @example
 * ```ts
 * const { subject, body, locale } = renderReply({ template: 'apology', locale: 'ko-KR', vars: { name: '김민지', orderId: 'A-1001', agent: '이서연' } });
 * // locale === 'ko'; subject === '주문 A-1001 건에 대해 사과드립니다'
 * ```
 */
export function renderReply(options: { template?: string; locale: string; vars: TemplateVars; templates?: ReplyTemplates }): {
  subject: string;
  body: string;
  locale: string;
  template: string;
} {
  const name = options.template ?? DEFAULT_TEMPLATE;
  if (name === FOLLOW_UP_TEMPLATE) {
    throw new ConfigError(`"${FOLLOW_UP_TEMPLATE}" is mailed by the follow-up action, which adds its signed link; pick a reply template such as "${DEFAULT_TEMPLATE}"`);
  }
  const { name: customer, orderId, agent, dueDate } = options.vars;
  return render(name, options.locale, { name: customer, orderId, agent, dueDate }, options.templates);
}

/**
 * The reply templates to offer, as written (with their `{var}` and `[[…]]` markup): for one
 * locale, each name once in the locale {@link renderReply} would use; without one, every name
 * in every locale. The follow-up template is not a reply and is not listed.
 *
 * @example
 * ```ts
 * for (const t of listTemplates(undefined, 'lv')) console.log(t.name, t.locale, t.subject);
 * ```
 */
export function listTemplates(templates?: ReplyTemplates, locale?: string): { name: string; locale: string; subject: string; body: string }[] {
  const out: { name: string; locale: string; subject: string; body: string }[] = [];
  for (const [name, locales] of Object.entries(merged(templates))) {
    if (name === FOLLOW_UP_TEMPLATE) continue;
    const tags = locale === undefined ? Object.keys(locales) : [pickLocale(locales, locale)].filter((t) => t !== undefined);
    for (const tag of tags) out.push({ name, locale: tag, subject: locales[tag]!.subject, body: locales[tag]!.body });
  }
  return out;
}

/**
 * The mail that asks a customer "Did we put it right?" with the signed follow-up link, in their
 * locale (the `follow-up` template, which may be edited like the others).
 *
 * @example
 * ```ts
 * const { subject, body } = followUpEmail({ locale: 'et', url: 'https://shop.example/follow-up/eyJ…', name: 'Mari' });
 * ```
 */
export function followUpEmail(options: { locale: string; url: string; name?: string; templates?: ReplyTemplates }): { subject: string; body: string } {
  const { subject, body } = render(FOLLOW_UP_TEMPLATE, options.locale, { name: options.name, url: options.url }, options.templates);
  return { subject, body };
}
