/**
 * The script-tag loader picks the chunk `script/earful-ui-<locale>.js` with its own few-byte copy
 * of `resolveLocale`'s rule (it must stay ≤ 1 KB and cannot import). This runs the BUILT
 * dist/earful.js in a bare VM context with a fake page, catches the chunk URL it imports, and
 * holds it to `resolveLocale` on a table of tags and on generated ones.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveLocale } from '../../src/i18n/resolve-locale.js';
import { SUPPORTED_LOCALES } from '../../src/i18n/supported-locales.js';

const LOADER = readFileSync(new URL('../../dist/earful.js', import.meta.url), 'utf8').replaceAll('import(', '__import(');

interface Page {
  dataSurvey?: string | undefined;
  jsonBlock?: string | undefined;
  dataLocale?: string | undefined;
  htmlLang?: string | undefined;
  languages?: string[] | undefined;
}

/** The file name of the chunk the built loader imports on `Earful('open')` for this page. */
function loaderChunk({ dataSurvey, jsonBlock, dataLocale, htmlLang = '', languages = [] }: Page): string {
  const imported: string[] = [];
  const element = () => ({ attachShadow: () => ({ append() {} }), setAttribute() {}, dataset: {} });
  const document = {
    currentScript: {
      dataset: { ...(dataLocale === undefined ? {} : { locale: dataLocale }), ...(dataSurvey === undefined ? {} : { survey: dataSurvey }) },
      src: 'https://cdn.example/earful/earful.js',
      nonce: '',
    },
    documentElement: { lang: htmlLang },
    body: { append() {} },
    createElement: element,
    getElementById: (id: string) => (id === 'block' && jsonBlock !== undefined ? { textContent: jsonBlock } : null),
    addEventListener() {},
  };
  const window: Record<string, unknown> = { requestIdleCallback() {} };
  runInNewContext(LOADER, {
    window,
    document,
    navigator: { languages },
    __import: (url: string) => {
      imported.push(url);
      return new Promise(() => {});
    },
  });
  (window.Earful as (command: string) => void)('open');
  expect(imported).toHaveLength(1);
  const match = /^https:\/\/cdn\.example\/earful\/script\/(earful-ui-.+\.js)$/.exec(imported[0]!);
  expect(match, imported[0]).not.toBeNull();
  return match![1]!;
}

/** The locale of the chunk the built loader imports for this page. */
const loaderLocale = (page: Page) => /^earful-ui-(.+?)(-auto)?\.js$/.exec(loaderChunk(page))![1];

const widget = (page: Page) => resolveLocale({ requested: page.dataLocale, htmlLang: page.htmlLang, navigatorLanguages: page.languages });

describe('the loader picks the chunk of the locale resolveLocale picks', () => {
  it.each([
    ...SUPPORTED_LOCALES.map((locale) => ({ dataLocale: locale })),
    { htmlLang: 'pt-BR' },
    { htmlLang: 'de_AT' },
    { htmlLang: ' KO ' },
    { htmlLang: 'iw-IL' },
    { htmlLang: ' ko ', languages: ['ar'] },
    { htmlLang: 'zh' },
    { htmlLang: 'zh-CN' },
    { htmlLang: 'zh_SG' },
    { htmlLang: 'zh-Hans-HK' },
    { htmlLang: 'zh-TW', languages: ['ja'] },
    { htmlLang: 'zh-Hant', languages: ['zh-HK', 'te-IN'] },
    { htmlLang: 'zh-mo' },
    { dataLocale: 'it', htmlLang: 'nb-NO', languages: ['it', 'uk-UA', 'en'] },
    { dataLocale: 'ar-EG', htmlLang: 'he' },
    { htmlLang: '', languages: [] },
    { htmlLang: 'x'.repeat(60), languages: ['lv'] },
    { htmlLang: 'english', languages: ['et-EE'] },
  ])('%j', (page) => {
    expect(loaderLocale(page)).toBe(widget(page));
  });

  it('agrees on generated tags', () => {
    const subtag = fc.constantFrom('en', 'EN', 'ko', 'lv', 'te', 'et', 'zh', 'ZH', 'iw', 'he', 'ar', 'pt', 'nb', 'it', 'hans', 'Hant', 'tw', 'HK', 'mo', 'cn', 'latn', '419', 'x', '', ' ');
    const tag = fc.tuple(fc.array(subtag, { minLength: 1, maxLength: 4 }), fc.constantFrom('-', '_')).map(([parts, sep]) => parts.join(sep));
    const page = fc.record({ dataLocale: fc.option(tag, { nil: undefined }), htmlLang: tag, languages: fc.array(tag, { maxLength: 3 }) });
    fc.assert(
      fc.property(page, (p) => loaderLocale(p) === widget(p)),
      { numRuns: 500 },
    );
  });
});

describe('the loader picks the chunk with reach for a survey that opens by itself', () => {
  it.each([
    [{ dataSurvey: 'complaint' }, 'earful-ui-en.js'],
    [{ dataSurvey: '{"id":"a","questions":[]}' }, 'earful-ui-en.js'],
    [{ dataSurvey: '{"id":"a","trigger":{"type":"delay","ms":1000}}' }, 'earful-ui-en-auto.js'],
    [{ dataSurvey: '{"id":"a","targeting":{"include":[]}}', htmlLang: 'lv' }, 'earful-ui-lv-auto.js'],
    [{ dataSurvey: '#block', jsonBlock: '{"trigger":{"type":"scroll","percent":50}}', htmlLang: 'zh-CN' }, 'earful-ui-zh-Hans-auto.js'],
    [{ dataSurvey: '#missing' }, 'earful-ui-en.js'],
    [{ dataSurvey: 'null' }, 'earful-ui-en.js'],
    [{ dataSurvey: '{not json' }, 'earful-ui-en.js'],
  ])('%j → %s', (page, chunk) => {
    expect(loaderChunk(page)).toBe(chunk);
  });
});
