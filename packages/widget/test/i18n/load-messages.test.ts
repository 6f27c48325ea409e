import { describe, expect, it } from 'vitest';
import { loadMessages } from '../../src/i18n/load-messages.js';
import { SUPPORTED_LOCALES } from '../../src/i18n/supported-locales.js';
import en from '../../src/locales/en.js';

describe('loadMessages', () => {
  it('returns English at once for en and for anything unknown', async () => {
    expect(await loadMessages('en')).toBe(en);
    expect(await loadMessages('sv')).toBe(en);
    expect(await loadMessages('zh')).toBe(en); // a tag, not a bundled locale: resolveLocale maps it first
    expect(await loadMessages('__proto__')).toBe(en);
    expect(await loadMessages('toString')).toBe(en);
  });
  it('loads each bundled locale as its own module', async () => {
    for (const locale of SUPPORTED_LOCALES.filter((l) => l !== 'en')) {
      const messages = await loadMessages(locale);
      expect(messages, locale).not.toBe(en);
      expect(messages.submit, locale).not.toBe(en.submit);
    }
  });
});
