/**
 * The script-tag loader picks the chunk `script/earful-ui-<locale>.js` with its own few-byte copy
 * of `resolveLocale`'s rule (it must stay ≤ 1 KB and cannot import; its list of locales is
 * SUPPORTED_LOCALES, put in at build time). This runs the BUILT dist/earful.js in a bare VM
 * context with a fake page (test/support/run-loader.ts), catches the chunk URL it imports, and
 * holds it to `resolveLocale` on a table of tags and on generated ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveLocale } from '../../src/i18n/resolve-locale.js';
import { SUPPORTED_LOCALES } from '../../src/i18n/supported-locales.js';
import { chunkOnOpen, type LoaderPage as Page } from '../support/run-loader.js';

/** The locale of the chunk the built loader imports for this page. */
const loaderLocale = (page: Page) => /^earful-ui-(.+?)(-auto)?\.js$/.exec(chunkOnOpen(page))![1];

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
    { htmlLang: 'zh-Hant-TW' },
    { htmlLang: 'zh_hk' },
    { htmlLang: 'zh-Hans-TW' },
    { htmlLang: 'zh-TW-Hans' },
    { htmlLang: 'zh-Latn-TW' },
    { dataLocale: 'zh-HK', htmlLang: 'en' },
    { htmlLang: 'hi-IN' },
    { htmlLang: 'th_TH' },
    { htmlLang: 'fa-IR', languages: ['en'] },
    { htmlLang: 'in-ID', languages: ['id-ID'] },
    { htmlLang: 'vi' },
    { htmlLang: 'tr-TR' },
    { htmlLang: 'nl-BE' },
    { htmlLang: 'pl' },
    { htmlLang: 'IT-ch' },
    { dataLocale: 'it', htmlLang: 'nb-NO', languages: ['it', 'uk-UA', 'en'] },
    { dataLocale: 'ar-EG', htmlLang: 'he' },
    { htmlLang: '', languages: [] },
    { htmlLang: 'x'.repeat(60), languages: ['lv'] },
    { htmlLang: 'english', languages: ['et-EE'] },
  ])('%j', (page) => {
    expect(loaderLocale(page)).toBe(widget(page));
  });

  it('agrees on generated tags', () => {
    // Every supported language, some that are not (nb, iw, in, sr), and the subtags of the Chinese rule.
    const languages = SUPPORTED_LOCALES.map((locale) => locale.split('-')[0]!);
    const subtag = fc.constantFrom(...languages, 'EN', 'ZH', 'Th', 'iw', 'in', 'nb', 'sr', 'hans', 'Hant', 'HANS', 'tw', 'HK', 'mo', 'cn', 'sg', 'latn', '419', 'x', '', ' ');
    const tag = fc.tuple(fc.array(subtag, { minLength: 1, maxLength: 4 }), fc.constantFrom('-', '_')).map(([parts, sep]) => parts.join(sep));
    const page = fc.record({ dataLocale: fc.option(tag, { nil: undefined }), htmlLang: tag, languages: fc.array(tag, { maxLength: 3 }) });
    fc.assert(
      fc.property(page, (p) => loaderLocale(p) === widget(p)),
      { numRuns: 500 },
    );
  });
});
