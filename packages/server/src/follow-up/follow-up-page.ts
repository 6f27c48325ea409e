/**
 * The follow-up page's HTML: one question on the thermometer scale and an optional comment, as a
 * plain `<form method="post">` that works without JavaScript, plus the thank-you and "this link
 * no longer works" pages. Strict CSP: no inline script at all, one inline `<style>` allowed by its
 * hash. Every text a customer or a link could bring is escaped.
 */
import { createHash } from 'node:crypto';
import { RESPONSE_LIMITS } from '@earful/schema';
import { FOLLOW_UP_SURVEY } from './follow-up-survey.js';
import { followUpTexts, type FollowUpTexts } from './follow-up-texts.js';

// Colours of the scale (red, amber, green, gold) with text that passes WCAG AA on them.
const STYLE = [
  ':root{color-scheme:light dark;font:16px/1.5 system-ui,sans-serif}',
  'body{margin:0;padding:24px 16px;background:Canvas;color:CanvasText}',
  'main{max-width:34rem;margin:0 auto}',
  'h1{font-size:1.5rem;margin:0 0 16px}',
  'fieldset{border:0;margin:0 0 16px;padding:0}',
  'legend{font-weight:600;font-size:1.125rem;margin-bottom:8px;padding:0}',
  '.scale{display:grid;grid-template-columns:repeat(auto-fit,minmax(7rem,1fr));gap:8px}',
  '.scale label{display:flex;flex-direction:column;gap:2px;padding:12px;border:2px solid GrayText;border-radius:10px;cursor:pointer}',
  '.scale input{margin:0 0 4px;align-self:flex-start}',
  '.scale label:has(input:checked){outline:3px solid Highlight;outline-offset:2px}',
  '.scale input:focus-visible{outline:3px solid Highlight;outline-offset:2px}',
  '.c1{background:#b3261e;color:#fff}.c2{background:#f2a900;color:#1a1a1a}.c3{background:#1e7d32;color:#fff}.c4{background:#c9a227;color:#1a1a1a}',
  '.scale small{font-size:.875rem}',
  'textarea{display:block;box-sizing:border-box;width:100%;min-height:6rem;margin:4px 0 16px;font:inherit;padding:8px}',
  'button{font:inherit;font-weight:600;padding:10px 24px;border-radius:99px;border:0;background:#0b57d0;color:#fff;cursor:pointer}',
  'button:focus-visible{outline:3px solid Highlight;outline-offset:2px}',
  '.problem{color:#b3261e;font-weight:600}',
  '@media (prefers-color-scheme:dark){button{background:#a8c7fa;color:#0b1d3a}.problem{color:#f2b8b5}}',
].join('');
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** `text` safe inside HTML text and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `ltr` or `rtl` for a language tag, from the runtime's locale data. */
function directionOf(lang: string): 'ltr' | 'rtl' {
  try {
    const locale = new Intl.Locale(lang) as Intl.Locale & { textInfo?: { direction?: string }; getTextInfo?: () => { direction?: string } };
    const info = locale.getTextInfo?.() ?? locale.textInfo;
    return info?.direction === 'rtl' ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** The page's assets when the widget enhances it: where its loader lives and the survey it shows. */
export interface WidgetEmbed {
  /** URL of the widget's loader, relative to the page (e.g. `assets/earful.js`). */
  readonly loader: string;
  /** URL of the page's own enhancement script (hides the form once the widget is there). */
  readonly enhance: string;
  /** Where the widget sends the answer, relative to the page: the page's own token. */
  readonly endpoint: string;
}

/** Content-Security-Policy of every follow-up page. */
export function pageCsp(withWidget: boolean): string {
  return [
    "default-src 'none'",
    withWidget ? "script-src 'self'" : "script-src 'none'",
    withWidget ? `style-src 'self' ${STYLE_HASH}` : `style-src ${STYLE_HASH}`,
    withWidget ? "connect-src 'self'" : "connect-src 'none'",
    "img-src 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

function layout(lang: string, title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${directionOf(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>${head}
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The survey the widget shows: the same question, in the page's language. */
function widgetSurvey(texts: FollowUpTexts): string {
  const survey = {
    id: FOLLOW_UP_SURVEY,
    title: texts.title,
    questions: [
      { id: 'put-right', type: 'rating', scale: 'thermometer4', prompt: texts.question, required: true },
      { id: 'comment', type: 'text', prompt: texts.more },
    ],
    display: { mode: 'inline', target: '#earful-follow-up' },
  };
  // `<` escaped: the JSON cannot close its <script> block whatever the texts hold.
  return JSON.stringify(survey).replace(/</g, '\\u003c');
}

/**
 * The question page. `problem` shows a message above the form (a form sent without a colour).
 */
export function questionPage(options: { locale: string | undefined; widget?: WidgetEmbed | undefined; problem?: string | undefined; text?: string | undefined }): string {
  const { lang, texts } = followUpTexts(options.locale);
  const choices = texts.scale
    .map(
      ([name, description], i) =>
        `<label class="c${i + 1}"><input type="radio" name="rating" value="${i + 1}" required><span>${escapeHtml(name)}</span><small>${escapeHtml(description)}</small></label>`,
    )
    .join('\n');
  const problem = options.problem ? `<p class="problem" role="alert" id="problem">${escapeHtml(options.problem)}</p>\n` : '';
  const form = `<form method="post" id="follow-up-form"${options.problem ? ' aria-describedby="problem"' : ''}>
${problem}<fieldset>
<legend>${escapeHtml(texts.question)}</legend>
<div class="scale">
${choices}
</div>
</fieldset>
<label for="text">${escapeHtml(texts.more)}</label>
<textarea id="text" name="text" dir="auto" maxlength="${RESPONSE_LIMITS.maxTextLength}">${escapeHtml(options.text ?? '')}</textarea>
<button type="submit">${escapeHtml(texts.send)}</button>
</form>`;
  const widget = options.widget;
  const head = widget
    ? `\n<script type="application/json" id="earful-follow-up-survey">${widgetSurvey(texts)}</script>
<script async src="${escapeHtml(widget.loader)}" data-endpoint="${escapeHtml(widget.endpoint)}" data-survey="#earful-follow-up-survey" data-locale="${escapeHtml(lang)}"></script>
<script defer src="${escapeHtml(widget.enhance)}"></script>`
    : '';
  const body = `<h1>${escapeHtml(texts.title)}</h1>\n${widget ? '<div id="earful-follow-up"></div>\n' : ''}${form}`;
  return layout(lang, `${texts.question} — ${texts.title}`, body, head);
}

/** A page with one message: thanks, already answered, expired or invalid. */
export function messagePage(locale: string | undefined, kind: 'thanks' | 'answered' | 'expired' | 'invalid'): string {
  const { lang, texts } = followUpTexts(locale);
  const heading = kind === 'thanks' || kind === 'answered' ? texts.thanksTitle : texts.title;
  const message = { thanks: texts.thanksBody, answered: texts.answered, expired: texts.expired, invalid: texts.invalid }[kind];
  return layout(lang, heading, `<h1>${escapeHtml(heading)}</h1>\n<p role="status">${escapeHtml(message)}</p>`);
}

/** The text of "choose a colour", for a form sent without one. */
export function chooseMessage(locale: string | undefined): string {
  return followUpTexts(locale).texts.choose;
}
