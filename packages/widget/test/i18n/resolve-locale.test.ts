import { describe, expect, it } from 'vitest';
import { matchLocale, resolveLocale } from '../../src/i18n/resolve-locale.js';
import { SUPPORTED_LOCALES, isRtl, isSupportedLocale } from '../../src/i18n/supported-locales.js';

describe('matchLocale', () => {
  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['ko-KR', 'ko'],
    ['LV', 'lv'],
    ['te-IN', 'te'],
    ['et-EE', 'et'],
    ['de-AT', 'de'],
    ['fr-CA', 'fr'],
    ['es-419', 'es'],
    ['pt-BR', 'pt'],
    ['pt-PT', 'pt'],
    ['ja-JP', 'ja'],
    ['zh', 'zh-Hans'],
    ['zh-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-MY', 'zh-Hans'],
    ['zh-Hans', 'zh-Hans'],
    ['zh-Hans-HK', 'zh-Hans'],
    ['zh_CN', 'zh-Hans'],
    ['ar-EG', 'ar'],
    ['he-IL', 'he'],
    ['ru-RU', 'ru'],
    ['uk-UA', 'uk'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-MO', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
    ['zh-Hant-CN', 'zh-Hant'],
    ['zh-hant-tw', 'zh-Hant'],
    ['zh_tw', 'zh-Hant'],
    ['zh-yue-HK', 'zh-Hant'],
    ['zh-Hans-TW', 'zh-Hans'],
    ['zh-Hans-MO', 'zh-Hans'],
    ['zh-Hantx', 'zh-Hans'],
    ['zh-TWN', 'zh-Hans'],
    ['hi-IN', 'hi'],
    ['id-ID', 'id'],
    ['vi-VN', 'vi'],
    ['th-TH', 'th'],
    ['tr-TR', 'tr'],
    ['it-CH', 'it'],
    ['nl-BE', 'nl'],
    ['pl-PL', 'pl'],
    ['fa-IR', 'fa'],
    ['fa-AF', 'fa'],
  ])('%s → %s', (tag, expected) => {
    expect(matchLocale(tag)).toBe(expected);
  });

  it.each(['iw', ' ko', 'nb', 'nb-NO', 'no', 'sv', 'hu', 'ur', 'x', ''])('%s → null', (tag) => {
    expect(matchLocale(tag)).toBeNull();
  });
});

describe('resolveLocale', () => {
  it('prefers the explicit option, then <html lang>, then navigator.languages', () => {
    expect(resolveLocale({ requested: 'de', htmlLang: 'fr', navigatorLanguages: ['ja'] })).toBe('de');
    expect(resolveLocale({ requested: undefined, htmlLang: 'fr', navigatorLanguages: ['ja'] })).toBe('fr');
    expect(resolveLocale({ htmlLang: '', navigatorLanguages: ['ja', 'de'] })).toBe('ja');
  });
  it('falls through unsupported candidates', () => {
    expect(resolveLocale({ requested: 'sv', htmlLang: 'nb', navigatorLanguages: ['hu-HU', 'uk'] })).toBe('uk');
  });
  it('tells Traditional from Simplified Chinese', () => {
    expect(resolveLocale({ navigatorLanguages: ['zh-Hant', 'zh-CN'] })).toBe('zh-Hant');
    expect(resolveLocale({ htmlLang: 'zh-TW', navigatorLanguages: ['zh-CN'] })).toBe('zh-Hant');
    expect(resolveLocale({ htmlLang: 'zh-Hans-HK', navigatorLanguages: ['zh-TW'] })).toBe('zh-Hans');
  });
  it('defaults to en', () => {
    expect(resolveLocale()).toBe('en');
    expect(resolveLocale({ requested: null, htmlLang: null, navigatorLanguages: null })).toBe('en');
    expect(resolveLocale({ navigatorLanguages: ['nb'] })).toBe('en');
    expect(resolveLocale({ requested: 'a'.repeat(40) })).toBe('en');
  });
});

describe('supported locales and direction', () => {
  it('lists the 25 bundled locales', () => {
    expect([...SUPPORTED_LOCALES].sort()).toEqual(
      ['ar', 'de', 'en', 'es', 'et', 'fa', 'fr', 'he', 'hi', 'id', 'it', 'ja', 'ko', 'lv', 'nl', 'pl', 'pt', 'ru', 'te', 'th', 'tr', 'uk', 'vi', 'zh-Hans', 'zh-Hant'],
    );
    for (const locale of SUPPORTED_LOCALES) expect(matchLocale(locale)).toBe(locale);
    expect(isSupportedLocale('zh-Hans')).toBe(true);
    expect(isSupportedLocale('zh')).toBe(false);
  });
  it('is RTL exactly for ar, he and fa among the bundled locales', () => {
    expect(SUPPORTED_LOCALES.filter(isRtl)).toEqual(['ar', 'he', 'fa']);
    expect(isRtl('ar-EG')).toBe(true);
    expect(isRtl('fa')).toBe(true);
    expect(isRtl('en')).toBe(false);
    expect(isRtl('arn')).toBe(false);
  });
});
