/**
 * The follow-up page's words in the languages the receiver ships (en, ko, lv, te, et); any other
 * locale falls back to English. The colour names match the widget's thermometer, so a customer
 * sees the same scale on the page as in the survey they answered.
 */

/** Every text of the follow-up page. */
export interface FollowUpTexts {
  readonly title: string;
  readonly question: string;
  /** Red, amber, green, gold: `[name, description]`, lowest first (values 1–4). */
  readonly scale: readonly (readonly [string, string])[];
  readonly more: string;
  readonly send: string;
  readonly thanksTitle: string;
  readonly thanksBody: string;
  readonly answered: string;
  readonly expired: string;
  readonly invalid: string;
  readonly choose: string;
}

const en: FollowUpTexts = {
  title: 'Your feedback',
  question: 'Did we put it right?',
  scale: [['Red', 'Unhappy'], ['Amber', 'Could be better'], ['Green', 'Happy'], ['Gold', 'Delighted']],
  more: 'Anything else we should know? (optional)',
  send: 'Send',
  thanksTitle: 'Thank you',
  thanksBody: 'Your answer helps us put things right.',
  answered: 'This was already answered, thank you.',
  expired: 'This link has expired. Reply to our email if there is anything more we can do.',
  invalid: 'This link is not valid. Please use the link from our email.',
  choose: 'Please choose a colour.',
};

const TEXTS: Readonly<Record<string, FollowUpTexts>> = {
  en,
  ko: {
    title: '의견 보내기',
    question: '문제가 잘 해결되었나요?',
    scale: [['빨강', '불만족'], ['주황', '아쉬움'], ['초록', '만족'], ['금색', '매우 만족']],
    more: '더 알려 주실 내용이 있나요? (선택)',
    send: '보내기',
    thanksTitle: '감사합니다',
    thanksBody: '보내 주신 답변은 문제를 바로잡는 데 도움이 됩니다.',
    answered: '이미 답변해 주셨습니다. 감사합니다.',
    expired: '이 링크는 만료되었습니다. 더 도와드릴 일이 있으면 이메일에 답장해 주세요.',
    invalid: '올바른 링크가 아닙니다. 이메일에 있는 링크를 사용해 주세요.',
    choose: '색을 하나 골라 주세요.',
  },
  lv: {
    title: 'Jūsu atsauksme',
    question: 'Vai mēs to izlabojām?',
    scale: [['Sarkans', 'Neapmierina'], ['Oranžs', 'Varētu būt labāk'], ['Zaļš', 'Apmierina'], ['Zelta', 'Sajūsmā']],
    more: 'Vai vēl kaut kas mums būtu jāzina? (nav obligāti)',
    send: 'Nosūtīt',
    thanksTitle: 'Paldies',
    thanksBody: 'Jūsu atbilde palīdz mums visu izlabot.',
    answered: 'Uz šo jau ir atbildēts, paldies.',
    expired: 'Šīs saites derīgums ir beidzies. Atbildiet uz mūsu e-pastu, ja varam vēl kā palīdzēt.',
    invalid: 'Šī saite nav derīga. Lūdzu, izmantojiet saiti no mūsu e-pasta.',
    choose: 'Lūdzu, izvēlieties krāsu.',
  },
  te: {
    title: 'మీ అభిప్రాయం',
    question: 'మేము సరిదిద్దామా?',
    scale: [['ఎరుపు', 'అసంతృప్తి'], ['నారింజ', 'ఇంకా మెరుగ్గా ఉండవచ్చు'], ['ఆకుపచ్చ', 'సంతృప్తి'], ['బంగారు', 'చాలా ఆనందం']],
    more: 'మేము తెలుసుకోవలసినది ఇంకేమైనా ఉందా? (ఐచ్ఛికం)',
    send: 'పంపండి',
    thanksTitle: 'ధన్యవాదాలు',
    thanksBody: 'మీ సమాధానం విషయాలను సరిదిద్దడానికి మాకు సహాయపడుతుంది.',
    answered: 'దీనికి ఇప్పటికే సమాధానం ఇచ్చారు, ధన్యవాదాలు.',
    expired: 'ఈ లింక్ గడువు ముగిసింది. మేము ఇంకా ఏమైనా చేయగలిగితే మా ఇమెయిల్‌కు జవాబు ఇవ్వండి.',
    invalid: 'ఈ లింక్ చెల్లదు. దయచేసి మా ఇమెయిల్‌లోని లింక్‌ను ఉపయోగించండి.',
    choose: 'దయచేసి ఒక రంగును ఎంచుకోండి.',
  },
  et: {
    title: 'Teie tagasiside',
    question: 'Kas saime asja korda?',
    scale: [['Punane', 'Rahulolematu'], ['Oranž', 'Võiks parem olla'], ['Roheline', 'Rahul'], ['Kuldne', 'Vaimustuses']],
    more: 'Kas on veel midagi, mida peaksime teadma? (valikuline)',
    send: 'Saada',
    thanksTitle: 'Aitäh',
    thanksBody: 'Teie vastus aitab meil asjad korda teha.',
    answered: 'Sellele on juba vastatud, aitäh.',
    expired: 'See link on aegunud. Kui saame veel aidata, vastake meie e-kirjale.',
    invalid: 'See link ei kehti. Palun kasutage meie e-kirjas olevat linki.',
    choose: 'Palun valige värv.',
  },
};

/** The locales with their own words. */
export const FOLLOW_UP_LOCALES = Object.keys(TEXTS);

/** The texts for a BCP 47 tag by its language (`ko-KR` → `ko`), else English. */
export function followUpTexts(locale: string | undefined): { readonly lang: string; readonly texts: FollowUpTexts } {
  const language = (locale ?? '').split(/[-_]/)[0]!.toLowerCase();
  return Object.hasOwn(TEXTS, language) ? { lang: language, texts: TEXTS[language]! } : { lang: 'en', texts: en };
}
