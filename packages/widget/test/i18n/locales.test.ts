/**
 * Every bundled locale against `en.ts`, the single source of keys: same keys, same placeholders,
 * plural forms for every category the language needs, nothing left in English, and text in the
 * right script.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import en, { type MessageValue, type Messages } from '../../src/locales/en.js';
import { SUPPORTED_LOCALES } from '../../src/i18n/supported-locales.js';

const files = readdirSync(new URL('../../src/locales/', import.meta.url))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => name.slice(0, -3));
const modules: Record<string, Messages> = {};
for (const name of files) {
  if (name === 'en') continue;
  const href = new URL(`../../src/locales/${name}.ts`, import.meta.url).href;
  modules[name] = ((await import(/* @vite-ignore */ href)) as { default: Messages }).default;
}
const locales = SUPPORTED_LOCALES.filter((l) => l !== 'en');
const messagesOf = (locale: string): Messages => {
  const messages = modules[locale];
  if (!messages) throw new Error(`src/locales/${locale}.ts is missing`);
  return messages;
};

// Strings that are correctly the same as English in that language (documented exceptions).
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  de: ['scale.csat5.3', 'scale.emoji5.3', 'scale.thermometer4.4'], // "Neutral" and "Gold" are German words too
};

// The script each non-Latin locale must be written in (every string needs at least one such letter).
const SCRIPT: Record<string, RegExp> = {
  ko: /\p{Script=Hangul}/u,
  ja: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u,
  'zh-Hans': /\p{Script=Han}/u,
  ar: /\p{Script=Arabic}/u,
  he: /\p{Script=Hebrew}/u,
  ru: /\p{Script=Cyrillic}/u,
  uk: /\p{Script=Cyrillic}/u,
  te: /\p{Script=Telugu}/u,
  'zh-Hant': /\p{Script=Han}/u,
  hi: /\p{Script=Devanagari}/u,
  th: /\p{Script=Thai}/u,
  fa: /\p{Script=Arabic}/u,
};

// Characters that exist in one Chinese script only (们/們, 这/這, 发/發, …): a Traditional
// locale written in Simplified characters, or the other way round, reads as a foreign text.
const SIMPLIFIED_ONLY = /[们这个发联网说请对题务馈关还为时间问钮击态选项输诉进满择]/u;
const TRADITIONAL_ONLY = /[們這個發聯網說請對題務饋關還為時間問鈕擊態選項輸訴進滿擇]/u;

// A message made only of placeholders and punctuation (`{value}, {label}`) has no words to translate.
const hasWords = (text: string) => /\p{L}/u.test(text.replace(/\{[A-Za-z0-9_]+\}/g, ''));

const placeholders = (text: string) => new Set([...text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!));
const forms = (value: MessageValue): string[] => (typeof value === 'string' ? [value] : Object.values(value));

// A plural category that selects exactly one integer (Arabic "two" = 2) may name it in words.
function exactCategory(locale: string, category: string): boolean {
  const rules = new Intl.PluralRules(locale);
  let hits = 0;
  for (let n = 0; n <= 1000 && hits < 2; n++) if (rules.select(n) === category) hits++;
  return hits === 1;
}

it('ships a file for every supported locale and nothing else', () => {
  expect([...files].sort()).toEqual([...SUPPORTED_LOCALES].sort());
});

describe.each(locales)('%s', (locale) => {
  const messages = messagesOf(locale);

  it('has exactly the keys of en.ts', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps every placeholder of en (and adds none) in every form', () => {
    for (const [key, english] of Object.entries(en) as Array<[keyof Messages, MessageValue]>) {
      const wanted = new Set(forms(english).flatMap((f) => [...placeholders(f)]));
      const value = messages[key];
      expect(typeof value, `${key}: plural in en, so plural here (and the other way round)`).toBe(typeof english);
      const entries: Array<[string, string]> = typeof value === 'string' ? [['string', value]] : Object.entries(value);
      for (const [category, text] of entries) {
        const found = placeholders(text);
        for (const name of found) expect(wanted.has(name), `${locale} ${key} (${category}) has an unknown {${name}}`).toBe(true);
        if (category !== 'string' && exactCategory(locale, category)) continue;
        for (const name of wanted) expect(found.has(name), `${locale} ${key} (${category}) lacks {${name}}`).toBe(true);
      }
    }
  });

  it('has exactly the plural categories the language needs', () => {
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
    for (const [key, value] of Object.entries(messages)) {
      if (typeof value === 'string') continue;
      expect(Object.keys(value).sort(), `${locale} ${key}`).toEqual(needed);
    }
  });

  it('leaves nothing in English (except the documented list)', () => {
    const allowed = SAME_AS_ENGLISH[locale] ?? [];
    for (const [key, english] of Object.entries(en) as Array<[keyof Messages, MessageValue]>) {
      if (allowed.includes(key)) continue;
      const englishForms = new Set(forms(english));
      for (const text of forms(messages[key])) {
        if (hasWords(text)) expect(englishForms.has(text), `${locale} ${key} is still English: "${text}"`).toBe(false);
      }
    }
  });

  it('has clean strings: trimmed, no doubled spaces, no stray braces or markup', () => {
    for (const [key, value] of Object.entries(messages)) {
      for (const text of forms(value)) {
        expect(text.length, `${locale} ${key} is empty`).toBeGreaterThan(0);
        expect(text, `${locale} ${key}`).toBe(text.trim());
        expect(text, `${locale} ${key}`).not.toMatch(/ {2}|<|>|\{\{|\}\}|\{[^A-Za-z0-9_]|TODO|\?\?\?/);
        expect(text.replace(/\{[A-Za-z0-9_]+\}/g, ''), `${locale} ${key} has an unbalanced brace`).not.toMatch(/[{}]/);
      }
    }
  });

  it('is written in its own script', () => {
    const script = SCRIPT[locale];
    if (!script) return;
    for (const [key, value] of Object.entries(messages)) {
      for (const text of forms(value)) if (hasWords(text)) expect(script.test(text), `${locale} ${key}: "${text}"`).toBe(true);
    }
  });

  it('writes every number through a placeholder, so Intl formats all of its digits alike', () => {
    // "{count} من 10" would mix Arabic-Indic and Latin digits wherever Intl uses the former.
    for (const [key, value] of Object.entries(messages)) {
      for (const text of forms(value)) expect(text.replace(/\{[A-Za-z0-9_]+\}/g, ''), `${locale} ${key}`).not.toMatch(/\p{Nd}/u);
    }
  });

  it('keeps to its own Chinese script', () => {
    const foreign = locale === 'zh-Hant' ? SIMPLIFIED_ONLY : locale === 'zh-Hans' ? TRADITIONAL_ONLY : undefined;
    if (!foreign) return;
    for (const [key, value] of Object.entries(messages)) {
      for (const text of forms(value)) expect(text, `${locale} ${key}`).not.toMatch(foreign);
    }
  });
});
