/**
 * The inbox page as HTML: the summary, the filters, and each response with its answers —
 * negative ones first to the eye (a badge with a word, not colour alone). Pure: data in, HTML out;
 * every piece of user text goes through `html`'s escaping.
 */
import { SCALES, type Answer, type Sentiment } from '@earful/schema';
import type { ListPage, ResponseSummary, StoredResponse } from '@earful/server';
import { html, type SafeHtml } from './html.js';

/** What the visitor filtered by, as read from the query string. */
export interface InboxFilters {
  readonly sentiment?: Sentiment;
  readonly surveyId?: string;
  readonly cursor?: string;
}

export interface InboxView {
  readonly page: ListPage;
  readonly summary: ResponseSummary;
  readonly filters: InboxFilters;
  /** Survey ids to offer in the filter. */
  readonly surveyIds: readonly string[];
}

const THERMOMETER = ['red', 'amber', 'green', 'gold'];
const SENTIMENT_WORD: Record<Sentiment | 'none', string> = { negative: 'Negative', neutral: 'Neutral', positive: 'Positive', none: 'No rating' };

/** `/inbox?…` with the filters kept. Never the token: a signed-in browser carries a cookie. */
export function inboxHref(base: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

function ratingText(answer: Extract<Answer, { type: 'rating' }>): string {
  const { min, max } = SCALES[answer.scale];
  if (answer.scale === 'thermometer4') return `${THERMOMETER[answer.value - 1]} (${answer.value} of 4, thermometer)`;
  if (answer.scale === 'thumbs') return answer.value === 1 ? 'thumbs up' : 'thumbs down';
  return `${answer.value} on ${min}–${max} (${answer.scale})`;
}

function safeLink(url: string): SafeHtml {
  return /^https?:\/\//i.test(url) ? html`<a href="${url}" rel="noreferrer noopener">${url}</a>` : html`${url}`;
}

function renderAnswer(answer: Answer, locale: string): SafeHtml {
  switch (answer.type) {
    case 'rating':
      return html`<div class="answer"><dt>Rating <span class="qid">${answer.questionId}</span></dt><dd>${ratingText(answer)}</dd></div>`;
    case 'choice':
      return html`<div class="answer"><dt>Reasons <span class="qid">${answer.questionId}</span></dt><dd><ul class="reasons">${answer.values.map(
        (v) => html`<li>${v}</li>`,
      )}${answer.other ? html`<li>other: <q lang="${locale}">${answer.other}</q></li>` : ''}</ul></dd></div>`;
    case 'text':
      return html`<div class="answer"><dt>Said <span class="qid">${answer.questionId}</span></dt><dd><blockquote lang="${locale}">${answer.value}</blockquote></dd></div>`;
    case 'contact':
      // The schema only lets contact details through with consent: true.
      return html`<div class="answer"><dt>Contact (consented)</dt><dd>${answer.name ? html`${answer.name} · ` : ''}${
        answer.email ? html`<a href="mailto:${answer.email}">${answer.email}</a>` : ''
      }${answer.email && answer.phone ? ' · ' : ''}${answer.phone ? html`<a href="tel:${answer.phone.replace(/[^+0-9]/g, '')}">${answer.phone}</a>` : ''}</dd></div>`;
  }
}

function renderResponse(record: StoredResponse): SafeHtml {
  const r = record.response;
  const sentiment = record.sentiment ?? 'none';
  return html`<article class="response ${sentiment}" aria-labelledby="r-${record.id}">
  <header>
    <h3 id="r-${record.id}"><span class="badge ${sentiment}">${SENTIMENT_WORD[sentiment]}</span> <span class="survey">${r.surveyId}</span></h3>
    <p class="meta"><time datetime="${record.receivedAt}">${record.receivedAt.replace('T', ' ').slice(0, 19)} UTC</time> · ${r.locale}${
      r.context?.url ? html` · ${safeLink(r.context.url)}` : ''
    }</p>
  </header>
  <dl>${r.answers.map((a) => renderAnswer(a, r.locale))}</dl>
</article>`;
}

function renderSummary(s: ResponseSummary): SafeHtml {
  const t = s.thermometer;
  return html`<section aria-labelledby="summary-title" class="summary">
  <h2 id="summary-title">Summary</h2>
  <dl class="cards">
    <div><dt>Responses</dt><dd>${s.total}</dd></div>
    <div class="negative"><dt>Negative</dt><dd>${s.bySentiment.negative}</dd></div>
    <div><dt>Neutral</dt><dd>${s.bySentiment.neutral}</dd></div>
    <div><dt>Positive</dt><dd>${s.bySentiment.positive}</dd></div>
    <div><dt>CSAT</dt><dd>${s.csat.percent === null ? '—' : `${s.csat.percent} %`} <small>(${s.csat.answers} answers)</small></dd></div>
    <div><dt>NPS</dt><dd>${s.nps.score === null ? '—' : s.nps.score} <small>(${s.nps.promoters} promoters, ${s.nps.detractors} detractors)</small></dd></div>
    <div class="small"><dt>Thermometer</dt><dd>${t.gold} gold · ${t.green} green · ${t.amber} amber · ${t.red} red</dd></div>
  </dl>
  ${s.topReasons.length > 0 ? html`<h3>Top reasons</h3><ol class="top-reasons">${s.topReasons.map((r) => html`<li>${r.value} <small>(${r.count})</small></li>`)}</ol>` : ''}
</section>`;
}

function renderFilters(view: InboxView): SafeHtml {
  const { filters } = view;
  const option = (value: string, label: string, current?: string) =>
    value === (current ?? '') ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`;
  return html`<form class="filters" method="get" action="/inbox" aria-label="Filter responses">
  <label>Sentiment <select name="sentiment">${option('', 'All')}${(['negative', 'neutral', 'positive'] as const).map((s) =>
    option(s, SENTIMENT_WORD[s], filters.sentiment),
  )}</select></label>
  <label>Survey <select name="survey">${option('', 'All surveys', filters.surveyId)}${view.surveyIds.map((id) => option(id, id, filters.surveyId))}</select></label>
  <button type="submit">Filter</button>
  <a class="export" href="${inboxHref('/inbox/export.jsonl', { sentiment: filters.sentiment, survey: filters.surveyId })}" download>Export JSON lines</a>
</form>`;
}

/** The whole inbox page. */
export function renderInbox(view: InboxView): string {
  const { page, filters } = view;
  const next = page.nextCursor
    ? html`<p><a href="${inboxHref('/inbox', { sentiment: filters.sentiment, survey: filters.surveyId, cursor: page.nextCursor })}">Older responses</a></p>`
    : '';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Earful inbox</title>
<link rel="stylesheet" href="/inbox/assets/inbox.css">
<script type="module" src="/inbox/assets/inbox.js"></script>
</head>
<body>
<header class="top"><h1>Earful inbox</h1><p>Newest first. Negative responses are marked and alert you the moment they land.</p></header>
<main>
<section aria-labelledby="alerts-title" class="alerts">
  <h2 id="alerts-title">Live alerts</h2>
  <ol id="alerts" aria-live="polite" data-feed="/inbox/alerts.json"><li class="empty">No alerts yet.</li></ol>
</section>
${renderSummary(view.summary)}
<section aria-labelledby="responses-title">
  <h2 id="responses-title">Responses</h2>
  ${renderFilters(view)}
  ${page.items.length === 0 ? html`<p class="empty">No responses yet. Open the shop page and tell it what went wrong.</p>` : page.items.map(renderResponse)}
  ${next}
</section>
</main>
</body>
</html>
`.value;
}
