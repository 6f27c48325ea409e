/**
 * The honesty rule, in every locale: the widget never says *sent* or *saved* when it is not so.
 * `state.failed` (nothing reached the server and nothing was stored) names neither; `state.queued`
 * (stored on this device, not yet delivered) never says *sent*, nor does the end screen's text
 * beneath it. (`state.sending` is left out: the German progressive «Wird gesendet» is built on
 * the participle and is honest.)
 *
 * Each locale names its own words for the two below, as the starts of words (so `сохранен`
 * catches «сохранено» and «сохранены», and `nosūtīts` does not catch the infinitive «nosūtīt»).
 * Scripts that do not put spaces between words, and languages that glue particles to the front
 * of a word (Hebrew ונשלח, Arabic وأرسلت), are matched anywhere in the text instead. A new locale
 * without a row here fails the first test, so the rule protects every locale the widget ships.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MessageKey, MessageValue, Messages } from '../../src/locales/en.js';
import en from '../../src/locales/en.js';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../../src/i18n/supported-locales.js';

interface HonestyWords {
  /** Words that say it was sent or delivered (past, done) — not the verb "send" itself. */
  sent: readonly string[];
  /** Words that say it was saved or stored. */
  saved: readonly string[];
  /** "Sent" as a status line in this language would say it: proof that `sent` knows the real word. */
  sentSample: string;
}

const WORDS: Record<SupportedLocale, HonestyWords> = {
  en: { sent: ['sent', 'delivered', 'submitted'], saved: ['saved', 'stored'], sentSample: 'Sent' },
  ko: { sent: ['보냈', '전송됨', '전송되었', '전송했', '전송 완료', '제출되었', '제출됨', '제출 완료', '발송'], saved: ['저장', '보관'], sentSample: '전송되었습니다' },
  lv: {
    sent: ['nosūtīts', 'nosūtīta', 'nosūtīti', 'nosūtījām', 'aizsūtīts', 'aizsūtīta', 'piegādāts', 'piegādāta'],
    saved: ['saglabāts', 'saglabāta', 'saglabāti', 'saglabājām'],
    sentSample: 'Nosūtīts',
  },
  te: {
    sent: ['పంపబడింది', 'పంపబడ్డాయి', 'పంపాము', 'పంపాం', 'పంపించాము', 'పంపేశాము', 'పంపించబడింది'],
    saved: ['సేవ్ అయ', 'సేవ్ చేశ', 'సేవ్ చేయబడ', 'భద్రపరచబడ', 'భద్రపరిచా'],
    sentSample: 'పంపబడింది',
  },
  et: { sent: ['saadetud', 'saatsime', 'edastatud'], saved: ['salvestatud', 'salvestasime', 'säilitatud'], sentSample: 'Saadetud' },
  de: {
    sent: ['gesendet', 'gesandt', 'versendet', 'verschickt', 'abgeschickt', 'übermittelt', 'zugestellt'],
    saved: ['gespeichert', 'gesichert'],
    sentSample: 'Gesendet',
  },
  fr: { sent: ['envoyé', 'transmis', 'expédié'], saved: ['enregistré', 'sauvegardé'], sentSample: 'Envoyé' },
  es: { sent: ['enviado', 'enviada', 'mandado', 'entregado'], saved: ['guardado', 'guardada', 'almacenado'], sentSample: 'Enviado' },
  pt: { sent: ['enviado', 'enviada', 'entregue'], saved: ['salvo', 'salva', 'guardado', 'guardada', 'armazenad'], sentSample: 'Enviado' },
  ja: { sent: ['送信しました', '送信済', '送信完了', '送信されました', '送りました', '送られました', '届きました'], saved: ['保存', '保管'], sentSample: '送信しました' },
  'zh-Hans': { sent: ['已发送', '发送成功', '已提交', '提交成功', '已送达', '已送出', '已寄出'], saved: ['保存', '保留', '存储', '储存', '已存'], sentSample: '已发送' },
  ar: { sent: ['تم الإرسال', 'تم إرسال', 'أرسلت', 'أرسلنا', 'مرسل'], saved: ['حفظ', 'محفوظ', 'تخزين'], sentSample: 'تم الإرسال' },
  he: { sent: ['נשלח', 'שלחנו', 'נמסר'], saved: ['נשמר', 'שמרנו'], sentSample: 'נשלח' },
  ru: { sent: ['отправлен', 'отправили', 'отослан', 'доставлен'], saved: ['сохранен', 'сохранён', 'сохранили'], sentSample: 'Отправлено' },
  uk: { sent: ['надіслан', 'надіслали', 'відправлен', 'відправили', 'доставлен'], saved: ['збережен', 'зберегли'], sentSample: 'Надіслано' },
  'zh-Hant': { sent: ['已送出', '已傳送', '已發送', '已提交', '傳送成功', '發送成功', '送出成功', '已寄出'], saved: ['儲存', '保存', '保留', '存檔'], sentSample: '已送出' },
  hi: { sent: ['भेजा गया', 'भेजी गई', 'भेजे गए', 'भेज दिया', 'भेज दी', 'भेज दिए', 'भेज चुके'], saved: ['सहेज', 'सेव'], sentSample: 'भेज दिया गया' },
  id: {
    sent: ['terkirim', 'sudah dikirim', 'telah dikirim', 'berhasil dikirim', 'sudah kami kirim', 'telah kami kirim'],
    saved: ['tersimpan', 'disimpan', 'sudah kami simpan'],
    sentSample: 'Terkirim',
  },
  vi: { sent: ['đã gửi', 'đã được gửi', 'gửi thành công', 'đã chuyển'], saved: ['đã lưu', 'được lưu', 'lưu lại'], sentSample: 'Đã gửi' },
  th: { sent: ['ส่งแล้ว', 'ส่งเรียบร้อย', 'ส่งสำเร็จ', 'ส่งถึง'], saved: ['บันทึก'], sentSample: 'ส่งแล้ว' },
  tr: { sent: ['gönderildi', 'gönderdik', 'iletildi', 'ulaştı'], saved: ['kaydedildi', 'kaydettik', 'saklandı', 'sakladık'], sentSample: 'Gönderildi' },
  it: { sent: ['inviat', 'spedit', 'trasmess', 'consegnat'], saved: ['salvat', 'memorizzat', 'registrat'], sentSample: 'Inviato' },
  nl: { sent: ['verzonden', 'verstuurd', 'ingediend', 'afgeleverd', 'bezorgd'], saved: ['opgeslagen', 'bewaard'], sentSample: 'Verzonden' },
  pl: { sent: ['wysłan', 'wysłał', 'przesłan', 'przesłał', 'dostarczon'], saved: ['zapisan', 'zapisał', 'zachowan'], sentSample: 'Wysłano' },
  fa: { sent: ['ارسال شد', 'ارسال شده', 'فرستاده شد', 'فرستادیم', 'ارسال کردیم'], saved: ['ذخیره', 'نگه داشته شد'], sentSample: 'ارسال شد' },
};

/** Matched anywhere: no spaces between words, or particles glued to the front of a word. */
const ANYWHERE = new Set<string>(['ja', 'zh-Hans', 'zh-Hant', 'th', 'ko', 'te', 'ar', 'he', 'fa']);

/**
 * The keys shown before the server has answered 2xx, and what each may not claim. The end
 * screen's body (src/ui/Done.tsx) stands under the queued heading too, so it may not say sent.
 */
const NOT_SENT: readonly MessageKey[] = ['state.queued', 'state.failed', 'thanks.body', 'complaint.sorryTitle', 'complaint.sorryBody', 'complaint.thanksBody'];
const NOT_SAVED: readonly MessageKey[] = ['state.failed'];

// Vowel points, tatweel and the hamza forms of alef vary in Arabic and Hebrew writing; a
// zero-width non-joiner (Persian «ارسال‌شده») separates like a space.
function normalise(text: string, locale: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase(locale)
    .replace(/[\u064B-\u065F\u0670\u0640\u0591-\u05C7]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/[\u200C\u200D\s]+/g, ' ');
}

const LETTER = /[\p{L}\p{M}]/u;

/** The first of `words` that `text` says, or `undefined`. */
function findWord(text: string, words: readonly string[], locale: string): string | undefined {
  const haystack = normalise(text, locale);
  return words.find((word) => {
    const needle = normalise(word, locale);
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
      if (ANYWHERE.has(locale) || at === 0 || !LETTER.test(haystack[at - 1]!)) return true;
    }
    return false;
  });
}

/** Every way `messages` breaks the honesty rule, as readable lines (empty when it keeps it). */
function honestyFaults(locale: SupportedLocale, messages: Partial<Messages>): string[] {
  const words = WORDS[locale];
  const faults: string[] = [];
  const texts = (key: MessageKey): string[] => {
    const value: MessageValue | undefined = messages[key];
    return value === undefined ? [] : typeof value === 'string' ? [value] : Object.values(value);
  };
  for (const key of NOT_SENT) {
    for (const text of texts(key)) {
      const word = findWord(text, words.sent, locale);
      if (word) faults.push(`${locale} ${key} says sent («${word}»): "${text}"`);
    }
  }
  for (const key of NOT_SAVED) {
    for (const text of texts(key)) {
      const word = findWord(text, words.saved, locale);
      if (word) faults.push(`${locale} ${key} says saved («${word}»): "${text}"`);
    }
  }
  return faults;
}

const modules: Partial<Record<string, Messages>> = { en };
for (const name of readdirSync(new URL('../../src/locales/', import.meta.url))) {
  if (!name.endsWith('.ts') || name === 'en.ts') continue;
  const href = new URL(`../../src/locales/${name}`, import.meta.url).href;
  modules[name.slice(0, -3)] = ((await import(/* @vite-ignore */ href)) as { default: Messages }).default;
}

it('names the words for sent and saved of every supported locale, and of no other', () => {
  expect(Object.keys(WORDS).sort()).toEqual([...SUPPORTED_LOCALES].sort());
});

describe.each(SUPPORTED_LOCALES)('%s', (locale) => {
  const messages = modules[locale];
  const words = WORDS[locale];

  it('never says sent before the server answered, nor saved when sending failed', () => {
    expect(messages, `src/locales/${locale}.ts`).toBeDefined();
    expect(honestyFaults(locale, messages!)).toEqual([]);
  });

  it('names real words: the queued state says saved, and "sent" reads as sent', () => {
    // Without these, a row of misspelt words would let any wording through.
    expect(findWord(String(messages!['state.queued']), words.saved, locale), `${locale} state.queued`).toBeDefined();
    expect(findWord(words.sentSample, words.sent, locale), `${locale} sentSample`).toBeDefined();
    expect(findWord(words.sentSample, words.saved, locale), `${locale} sentSample reads as saved`).toBeUndefined();
  });
});

describe('the guard', () => {
  // Wordings that shipped before this guard existed, found by native readers.
  it.each([
    ['ru', 'state.failed', 'Не удалось отправить отзыв. Ваши ответы сохранены.'],
    ['uk', 'state.failed', 'Не вдалося надіслати відгук. Ваші відповіді збережено.'],
    ['lv', 'state.failed', 'Neizdevās nosūtīt jūsu atsauksmi. Jūsu atbildes ir saglabātas.'],
    ['zh-Hans', 'state.failed', '反馈发送失败。您填写的内容仍然保留。'],
    ['he', 'state.queued', 'נשמר — נשלח אותו כשהחיבור לאינטרנט יחזור'],
  ] as const)('catches the old %s %s', (locale, key, text) => {
    expect(honestyFaults(locale, { ...modules[locale], [key]: text })).toHaveLength(1);
  });

  it('reads plural forms, glued particles, vowel points and zero-width joiners', () => {
    expect(honestyFaults('en', { 'state.queued': { one: 'Saved', other: 'Sent' } })).toHaveLength(1);
    expect(honestyFaults('he', { 'state.failed': 'המשוב וְנִשְׁלַח' })).toHaveLength(1);
    expect(honestyFaults('ar', { 'state.failed': 'وأُرسلت إجاباتك' })).toHaveLength(1);
    expect(honestyFaults('fa', { 'state.queued': 'ارسال\u200Cشده' })).toHaveLength(1);
    expect(honestyFaults('tr', { 'state.failed': 'KAYDEDİLDİ' })).toHaveLength(1);
  });

  it('tells a word from the start of a longer one where words are spaced', () => {
    // «nosūtīt» (to send) is not «nosūtīts» (sent); "resent" is not "sent".
    expect(honestyFaults('lv', { 'state.failed': 'Neizdevās nosūtīt.' })).toEqual([]);
    expect(honestyFaults('en', { 'state.failed': 'We resent nothing.' })).toEqual([]);
  });
});
