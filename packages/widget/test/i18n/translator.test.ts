import { describe, expect, it, vi } from 'vitest';
import { createTranslator } from '../../src/i18n/translator.js';
import { localizedText } from '../../src/i18n/localized-text.js';
import en from '../../src/locales/en.js';
import ar from '../../src/locales/ar.js';
import lv from '../../src/locales/lv.js';
import ru from '../../src/locales/ru.js';
import uk from '../../src/locales/uk.js';
import he from '../../src/locales/he.js';
import de from '../../src/locales/de.js';

describe('createTranslator: plurals by Intl.PluralRules', () => {
  it('English one/other', () => {
    const t = createTranslator({ locale: 'en', messages: en });
    expect(t('scale.stars5.value', { count: 1 })).toBe('1 star');
    expect(t('scale.stars5.value', { count: 0 })).toBe('0 stars');
    expect(t('scale.stars5.value', { count: 5 })).toBe('5 stars');
  });

  it('Latvian zero/one/other (0, 10–20, 30… are "zero"; 1, 21, 31… are "one")', () => {
    const t = createTranslator({ locale: 'lv', messages: lv });
    expect(t('scale.stars5.value', { count: 0 })).toBe('0 zvaigžņu');
    expect(t('scale.stars5.value', { count: 1 })).toBe('1 zvaigzne');
    expect(t('scale.stars5.value', { count: 2 })).toBe('2 zvaigznes');
    expect(t('scale.stars5.value', { count: 11 })).toBe('11 zvaigžņu');
    expect(t('scale.stars5.value', { count: 21 })).toBe('21 zvaigzne');
    expect(t('scale.stars5.value', { count: 30 })).toBe('30 zvaigžņu');
    expect(t('error.tooLong', { count: 21 })).toContain('21 rakstzīmei');
  });

  it('Russian and Ukrainian one/few/many', () => {
    const r = createTranslator({ locale: 'ru', messages: ru });
    expect(r('scale.stars5.value', { count: 1 })).toBe('1 звезда');
    expect(r('scale.stars5.value', { count: 3 })).toBe('3 звезды');
    expect(r('scale.stars5.value', { count: 5 })).toBe('5 звёзд');
    expect(r('scale.stars5.value', { count: 11 })).toBe('11 звёзд');
    expect(r('scale.stars5.value', { count: 21 })).toBe('21 звезда');
    expect(r('scale.stars5.value', { count: 22 })).toBe('22 звезды');
    expect(r('error.tooLong', { count: 500 })).toBe('Сократите текст: максимум 500 символов.');
    const u = createTranslator({ locale: 'uk', messages: uk });
    expect(u('scale.stars5.value', { count: 1 })).toBe('1 зірка');
    expect(u('scale.stars5.value', { count: 4 })).toBe('4 зірки');
    expect(u('scale.stars5.value', { count: 5 })).toBe('5 зірок');
  });

  it('Arabic: all six forms', () => {
    const t = createTranslator({ locale: 'ar', messages: ar });
    expect(t('scale.stars5.value', { count: 0 })).toBe('بلا نجوم');
    expect(t('scale.stars5.value', { count: 1 })).toBe('نجمة واحدة');
    expect(t('scale.stars5.value', { count: 2 })).toBe('نجمتان');
    expect(t('scale.stars5.value', { count: 3 })).toBe(`${new Intl.NumberFormat('ar').format(3)} نجوم`);
    expect(t('scale.stars5.value', { count: 11 })).toBe(`${new Intl.NumberFormat('ar').format(11)} نجمة`);
    expect(t('scale.stars5.value', { count: 100 })).toBe(`${new Intl.NumberFormat('ar').format(100)} نجمة`);
    expect(t('error.tooLong', { count: 11 })).toContain('حرفًا');
    expect(t('error.tooLong', { count: 100 })).toMatch(/ حرف\.$/);
  });

  it('Hebrew one/two/other', () => {
    const t = createTranslator({ locale: 'he', messages: he });
    expect(t('scale.stars5.value', { count: 1 })).toBe('כוכב אחד');
    expect(t('scale.stars5.value', { count: 2 })).toBe('שני כוכבים');
    expect(t('scale.stars5.value', { count: 4 })).toBe('4 כוכבים');
  });

  it('uses "other" when there is no count', () => {
    const t = createTranslator({ locale: 'en', messages: en });
    expect(t('scale.stars5.value')).toBe('{count} stars');
  });
});

describe('createTranslator: numbers by Intl.NumberFormat', () => {
  it('formats number placeholders for the locale, strings as given', () => {
    expect(createTranslator({ locale: 'en', messages: en })('count.characters', { count: 1200, max: 4000 })).toBe('1,200 of 4,000 characters');
    expect(createTranslator({ locale: 'de', messages: de })('count.characters', { count: 1200, max: 4000 })).toBe('1.200 von 4.000 Zeichen');
    expect(createTranslator({ locale: 'en', messages: en })('progress', { current: '2', total: 3 })).toBe('Step 2 of 3');
  });
  it('leaves unknown placeholders alone', () => {
    expect(createTranslator({ locale: 'en', messages: en })('count.characters', { count: 1 })).toBe('1 of {max} characters');
  });
});

describe('createTranslator: fallbacks and overrides', () => {
  it('falls back to English for a missing key and warns once in dev, naming the key', () => {
    const warn = vi.fn();
    const t = createTranslator({ locale: 'de', messages: { submit: 'Senden' }, fallback: en, dev: true, warn });
    expect(t('submit')).toBe('Senden');
    expect(t('close')).toBe('Close');
    expect(t('close')).toBe('Close');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('"close"');
  });
  it('names a survey texts key that overrides no message, in dev only', () => {
    const warn = vi.fn();
    createTranslator({ locale: 'en', messages: en, overrides: { sumbit: 'Go', submit: 'Send' }, dev: true, warn });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('"sumbit"');
    const quiet = vi.fn();
    createTranslator({ locale: 'en', messages: en, overrides: { sumbit: 'Go' }, warn: quiet });
    expect(quiet).not.toHaveBeenCalled();
  });
  it('does not warn outside dev', () => {
    const warn = vi.fn();
    createTranslator({ locale: 'de', messages: {}, fallback: en, warn })('close');
    expect(warn).not.toHaveBeenCalled();
  });
  it('pluralises an English fallback with English rules', () => {
    const t = createTranslator({ locale: 'ar', messages: {}, fallback: en });
    expect(t('scale.stars5.value', { count: 1 })).toBe('1 star');
  });
  it('without fallback messages (a single-locale chunk), a key its messages lack is an unknown key', () => {
    const warn = vi.fn();
    const t = createTranslator({ locale: 'de', messages: { submit: 'Senden' }, dev: true, warn });
    expect(t('close')).toBe('close');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('unknown message key "close"'));
  });
  it('returns the key itself for an unknown key, warning in dev', () => {
    const warn = vi.fn();
    const t = createTranslator({ locale: 'en', messages: en, dev: true, warn });
    expect(t('no.such.key' as never)).toBe('no.such.key');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"no.such.key"'));
  });
  it('applies survey overrides, per locale, with placeholders', () => {
    const overrides = { submit: { en: 'Send it', de: 'Abschicken' }, 'count.characters': '{count}/{max}', close: 'X' };
    expect(createTranslator({ locale: 'de', messages: de, overrides })('submit')).toBe('Abschicken');
    expect(createTranslator({ locale: 'ko', messages: {}, overrides })('submit')).toBe('Send it');
    expect(createTranslator({ locale: 'ko', messages: {}, overrides, fallbackLocale: 'de' })('submit')).toBe('Abschicken');
    expect(createTranslator({ locale: 'de', messages: de, overrides })('count.characters', { count: 3, max: 1000 })).toBe('3/1.000');
  });
  it('ignores inherited properties as keys', () => {
    const t = createTranslator({ locale: 'en', messages: en, overrides: {} });
    expect(t('toString' as never)).toBe('toString');
  });
  it('survives a malformed locale tag', () => {
    expect(createTranslator({ locale: 'not a locale!', messages: en })('scale.stars5.value', { count: 2 })).toBe('2 stars');
  });
});

describe('localizedText', () => {
  const text = { en: 'How did we do?', 'ko-KR': '어떠셨나요?', de: 'Wie war es?' };
  it('picks exact tag, then language, then fallback, then the first entry', () => {
    expect(localizedText(text, 'ko-KR', 'en')).toBe('어떠셨나요?');
    expect(localizedText(text, 'ko', 'en')).toBe('어떠셨나요?');
    expect(localizedText(text, 'de-CH', 'en')).toBe('Wie war es?');
    expect(localizedText(text, 'ja', 'de')).toBe('Wie war es?');
    expect(localizedText({ fr: 'Comment ?', it: 'Come?' }, 'ja', 'en')).toBe('Comment ?');
    expect(localizedText('Plain', 'ja', 'en')).toBe('Plain');
  });
});

describe('createTranslator: Intl objects on first use', () => {
  it('makes no Intl.PluralRules or Intl.NumberFormat until a message needs one (a page mounting the widget pays nothing)', () => {
    const made = { PluralRules: 0, NumberFormat: 0 };
    const originals = { PluralRules: Intl.PluralRules, NumberFormat: Intl.NumberFormat };
    for (const name of ['PluralRules', 'NumberFormat'] as const) {
      (Intl as Record<string, unknown>)[name] = new Proxy(originals[name], {
        construct: (target, args) => {
          made[name]++;
          return Reflect.construct(target, args) as object;
        },
      });
    }
    try {
      const t = createTranslator({ locale: 'lv', messages: lv });
      expect(t('submit')).toBe(lv.submit);
      expect(made).toEqual({ PluralRules: 0, NumberFormat: 0 });
      expect(t('count.characters', { count: 21, max: 4000 })).toContain('21');
      expect(made.NumberFormat).toBe(1);
      t('count.characters', { count: 5, max: 4000 });
      t('error.tooLong', { count: 21 });
      expect(made).toEqual({ PluralRules: 1, NumberFormat: 1 });
    } finally {
      Object.assign(Intl, originals);
    }
  });
});
