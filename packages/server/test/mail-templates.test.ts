/**
 * Reply templates: every shipped template in every shipped locale, rendered with every subset of
 * its values, reads as finished text (no "{orderId}", no "[[", no gap, no half sentence); locale
 * fallback; the team's own texts over the shipped ones; values never read as markup.
 */
import { describe, expect, it } from 'vitest';
import { isConfigError } from '../src/errors.js';
import { SHIPPED_TEMPLATES } from '../src/mail/shipped-templates.js';
import { followUpEmail, listTemplates, renderReply, type TemplateVars } from '../src/mail/templates.js';

const LOCALES = ['en', 'ko', 'lv', 'te', 'et'];
const REPLY_VARS = ['name', 'orderId', 'agent', 'dueDate'] as const;
const FULL: Required<TemplateVars> = { name: 'Zorblat', orderId: 'A-7731', agent: 'Quillon', dueDate: 'the-agreed-day' };

function variables(text: string): string[] {
  return [...text.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!);
}

/** Text a person would call unfinished. */
function expectFinished(text: string, where: string) {
  expect(text, where).not.toMatch(/[{}]|\[\[|\]\]|\|/);
  expect(text, where).not.toMatch(/ {2,}|[ \t]$|^[ \t]/m);
  expect(text, where).not.toMatch(/ [.,!?:;]/); // punctuation left behind by a dropped word
  expect(text, where).not.toMatch(/[–—] ?[.,!?]|[–—]$/m); // a dash that now leads nowhere
  expect(text, where).not.toMatch(/[,:] ?[.!?]/); // "by ." / ", ."
  expect(text, where).not.toMatch(/\n{3,}/);
  expect(text.trim(), where).not.toBe('');
}

function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((s) => [...s, item])], [[]]);
}

describe('shipped templates', () => {
  const names = Object.keys(SHIPPED_TEMPLATES);

  it('ships apology, resolution-plan, resolved and follow-up in en, ko, lv, te and et', () => {
    expect(names.sort()).toEqual(['apology', 'follow-up', 'resolution-plan', 'resolved']);
    for (const name of names) expect(Object.keys(SHIPPED_TEMPLATES[name]!).sort(), name).toEqual([...LOCALES].sort());
  });

  it.each(names)('%s uses the same variables in every locale as in English', (name) => {
    const en = new Set(variables(SHIPPED_TEMPLATES[name]!.en!.subject + SHIPPED_TEMPLATES[name]!.en!.body));
    for (const locale of LOCALES) {
      const text = SHIPPED_TEMPLATES[name]![locale]!;
      expect(new Set(variables(text.subject + text.body)), `${name}/${locale}`).toEqual(en);
    }
  });

  it('the apology and the resolution plan use every variable: a name, the order, by when, and who answers', () => {
    for (const name of ['apology', 'resolution-plan']) {
      for (const locale of LOCALES) {
        const text = SHIPPED_TEMPLATES[name]![locale]!;
        expect(new Set(variables(text.subject + text.body)), `${name}/${locale}`).toEqual(new Set(REPLY_VARS));
      }
    }
  });

  it('every value a reply uses appears in the rendered text, in every locale', () => {
    for (const name of ['apology', 'resolution-plan', 'resolved']) {
      for (const locale of LOCALES) {
        const { subject, body } = renderReply({ template: name, locale, vars: FULL });
        const text = SHIPPED_TEMPLATES[name]![locale]!;
        for (const v of new Set(variables(text.subject + text.body))) {
          expect(`${subject}\n${body}`, `${name}/${locale} {${v}}`).toContain(FULL[v as keyof typeof FULL]);
        }
        expectFinished(subject, `${name}/${locale} subject`);
        expectFinished(body, `${name}/${locale} body`);
        expect(subject, `${name}/${locale}`).not.toContain('\n');
      }
    }
  });

  it('any values left out: every template in every locale still reads as finished text', () => {
    for (const name of ['apology', 'resolution-plan', 'resolved']) {
      for (const locale of LOCALES) {
        for (const present of subsets(REPLY_VARS)) {
          const vars = Object.fromEntries(present.map((v) => [v, FULL[v]]));
          const { subject, body } = renderReply({ template: name, locale, vars });
          const where = `${name}/${locale} with ${present.join(',') || 'nothing'}`;
          expectFinished(subject, where);
          expectFinished(body, where);
          for (const v of REPLY_VARS.filter((x) => !present.includes(x))) expect(body + subject, where).not.toContain(FULL[v]);
        }
      }
    }
  });

  it('blank values count as missing', () => {
    const { body } = renderReply({ locale: 'en', vars: { name: '   ', orderId: '' } });
    expect(body.startsWith('Hello,\n')).toBe(true);
    expect(body).toContain('Thank you for telling us what went wrong. We got this wrong');
  });

  it('the follow-up mail carries the link in every locale, with or without a name', () => {
    const url = 'https://shop.example/follow-up/eyJhbGciOi.sig';
    for (const locale of LOCALES) {
      for (const name of [undefined, 'Zorblat']) {
        const mail = followUpEmail({ locale, url, ...(name === undefined ? {} : { name }) });
        expect(mail.body, locale).toContain(`\n${url}\n`);
        if (name) expect(mail.body, locale).toContain(name);
        expectFinished(mail.subject, `follow-up/${locale}`);
        expectFinished(mail.body.replace(url, 'LINK'), `follow-up/${locale}`);
      }
    }
  });
});

describe('renderReply', () => {
  it('Korean in 합니다체 with the values in place', () => {
    const reply = renderReply({ template: 'apology', locale: 'ko-KR', vars: { name: '김민지', orderId: 'A-1001', agent: '이서연', dueDate: '2026-12-05' } });
    expect(reply.locale).toBe('ko');
    expect(reply.template).toBe('apology');
    expect(reply.subject).toBe('주문 A-1001 건에 대해 사과드립니다');
    expect(reply.body).toContain('김민지 고객님, 안녕하십니까.');
    expect(reply.body).toContain('2026년 12월 5일까지 해결 방안을 안내해 드리겠습니다.');
    expect(reply.body.endsWith('이서연 드림')).toBe(true);
  });

  it.each([
    ['ko-KR', 'ko'],
    ['KO', 'ko'],
    ['lv-LV', 'lv'],
    ['et-EE', 'et'],
    ['te-IN', 'te'],
    ['en-GB', 'en'],
    ['fr-FR', 'en'],
    ['pt-BR', 'en'],
  ])('locale %s uses %s', (asked, used) => {
    expect(renderReply({ locale: asked, vars: {} }).locale).toBe(used);
  });

  it('writes an ISO due date as a date of the customer’s locale, and other text as given', () => {
    const due = (locale: string, dueDate: string) => renderReply({ template: 'resolution-plan', locale, vars: { dueDate } }).body;
    expect(due('en-US', '2026-12-05')).toContain('resolved by December 5, 2026,');
    expect(due('en-GB', '2026-12-05T10:00:00Z')).toContain('resolved by 5 December 2026,');
    expect(due('lv', '2026-12-05')).toContain('līdz šim datumam: 05.12.2026.');
    expect(due('et', '2026-12-05')).toContain('hiljemalt selleks kuupäevaks: 05.12.2026.');
    // A date the caller wrote out already stays as written, and still reads right after the colon.
    expect(due('lv', '2026. gada 5. decembris')).toContain('līdz šim datumam: 2026. gada 5. decembris.');
    expect(due('en', 'Friday')).toContain('resolved by Friday,');
    expect(due('en', '2026-13-45')).toContain('resolved by 2026-13-45,');
  });

  it('values are text: braces and brackets in them are never read as markup', () => {
    const { body } = renderReply({ locale: 'en', vars: { name: '{orderId} [[x|y]]', agent: '{dueDate}' } });
    expect(body).toContain('Dear {orderId} [[x|y]],');
    expect(body).toContain('{dueDate}');
    expect(body).not.toContain('by {dueDate}');
  });

  it('the team’s own text replaces one name and locale; the others stay shipped', () => {
    const templates = { apology: { en: { subject: 'So sorry[[, {name}]]', body: 'Hi[[ {name}]], order {orderId}.\n[[{agent}|The team]]' } } };
    expect(renderReply({ locale: 'en', vars: { name: 'Zorblat' }, templates })).toMatchObject({ subject: 'So sorry, Zorblat', body: 'Hi Zorblat, order .\nThe team' });
    expect(renderReply({ locale: 'ko', vars: {}, templates }).subject).toBe('불편을 드려 사과드립니다');
    expect(renderReply({ template: 'resolved', locale: 'en', vars: {}, templates }).subject).toBe('We have put it right');
  });

  it('a new template of the team’s own, in one language, serves every locale', () => {
    const templates = { 'shipping-delay': { ko: { subject: '배송 지연 안내', body: '[[{name} 고객님,|고객님,]] 배송이 늦어지고 있습니다.' } } };
    expect(renderReply({ template: 'shipping-delay', locale: 'en', vars: {}, templates })).toMatchObject({ locale: 'ko', subject: '배송 지연 안내' });
    expect(listTemplates(templates, 'et').map((t) => t.name)).toEqual(['apology', 'resolution-plan', 'resolved', 'shipping-delay']);
  });

  it.each([
    [{ apology: { en: { subject: 'Sorry {order}', body: 'x' } } }, /templates\.apology\.en\.subject uses \{order\}; the variables are \{name\}/],
    [{ apology: { en: { subject: 'Sorry', body: '[[Hi {name}' } } }, /templates\.apology\.en\.body has a "\[\[" without its "\]\]"/],
    [{ apology: { en: { subject: 'Sorry', body: 'Hi]]' } } }, /has a "\[\[" without its "\]\]"/],
    [{ apology: { en: { subject: 'Sorry' } } }, /templates\.apology\.en\.body must be a string/],
  ])('a malformed edited template is a ConfigError naming it', (templates, words) => {
    let caught: unknown;
    try {
      renderReply({ locale: 'en', vars: {}, templates: templates as never });
    } catch (error) {
      caught = error;
    }
    expect(isConfigError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(words);
  });

  it('an unknown template name is a ConfigError that lists the names', () => {
    expect(() => renderReply({ template: 'apologee', locale: 'en', vars: {} })).toThrow(/no reply template "apologee"; the templates are "apology", "resolution-plan", "resolved"$/);
  });

  it('the follow-up template is not a reply: it needs the follow-up action’s link', () => {
    expect(() => renderReply({ template: 'follow-up', locale: 'en', vars: {} })).toThrow(/mailed by the follow-up action/);
  });
});

describe('listTemplates', () => {
  it('for a locale: each reply template once, in the locale a reply would use, as written', () => {
    const list = listTemplates(undefined, 'ko-KR');
    expect(list.map((t) => [t.name, t.locale])).toEqual([
      ['apology', 'ko'],
      ['resolution-plan', 'ko'],
      ['resolved', 'ko'],
    ]);
    expect(list[0]!.body).toBe(SHIPPED_TEMPLATES.apology!.ko!.body);
  });

  it('without a locale: every reply template in every locale, and never the follow-up', () => {
    const list = listTemplates();
    expect(list).toHaveLength(15);
    expect(list.some((t) => t.name === 'follow-up')).toBe(false);
  });
});
