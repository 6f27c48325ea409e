/**
 * The demo shop's page: an order confirmation with the widget loaded by its script tag (the
 * complaint preset behind the launcher) and a button that asks the NPS question. The order id is
 * on the page (`data-order-id`) for shop.js to pass with `Earful('metadata', { orderId })`, and in its URL
 * (`/orders/<id>`), which every response carries as its page. No inline script or style, so it
 * runs under the strict CSP the shop server sends.
 */
import type { Survey } from '@earful/schema';
import { escapeHtml } from './escape-html.js';

export interface ShopPageOptions {
  /** The receiver's endpoint (`data-endpoint`). */
  readonly endpoint: string;
  /** `<html lang>`; the widget follows it. */
  readonly lang?: string;
  /** The order this page confirms (default {@link DEMO_ORDER_ID}). */
  readonly orderId?: string;
}

/** The order the demo's shop page confirms. */
export const DEMO_ORDER_ID = 'A-1001';

/**
 * The survey behind the NPS button: opened with `Earful('open', '#nps-survey')`. The receiver
 * gets the same definition, so the inbox shows its prompts.
 */
export const NPS_SURVEY: Survey = {
  id: 'nps',
  questions: [
    { id: 'score', type: 'rating', scale: 'nps', prompt: 'How likely are you to recommend Nordlys Tea to a friend?', required: true },
    { id: 'why', type: 'text', prompt: 'What is the main reason for your score?', maxLength: 1000 },
  ],
  display: { mode: 'modal', launcher: { hidden: true } },
};

// JSON inside <script> must not close the element early.
function escapeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function renderShopPage({ endpoint, lang = 'en', orderId = DEMO_ORDER_ID }: ShopPageOptions): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nordlys Tea — order confirmed</title>
<link rel="stylesheet" href="/shop.css">
<script type="application/json" id="nps-survey">${escapeJson(NPS_SURVEY)}</script>
<script async src="/earful/earful.js" data-endpoint="${escapeHtml(endpoint)}" data-survey="complaint"></script>
<script type="module" src="/shop.js"></script>
</head>
<body>
<header><a class="brand" href="/">Nordlys Tea</a><nav aria-label="Shop"><a href="/">Teas</a> <a href="/">Gifts</a> <a href="/">Account</a></nav></header>
<main data-order-id="${escapeHtml(orderId)}">
  <h1>Thank you — order ${escapeHtml(orderId)} is on its way</h1>
  <p>Three teas, arriving Thursday. This page is the Earful demo: the <b>Feedback</b> button in the
  corner is the widget, loaded by one script tag. Rate the order low and tell it what went wrong;
  then look at the inbox: it shows up there while you watch.</p>
  <ul class="order">
    <li><span>Smoky Lapsang, 100 g</span><span>€9.50</span></li>
    <li><span>Jeju Green, 50 g</span><span>€12.00</span></li>
    <li><span>Darjeeling First Flush, 50 g</span><span>€14.00</span></li>
  </ul>
  <p class="actions"><button type="button" id="open-feedback">Tell us how it went</button>
  <button type="button" id="open-nps" class="secondary">How likely are you to recommend us?</button></p>
</main>
</body>
</html>
`;
}
