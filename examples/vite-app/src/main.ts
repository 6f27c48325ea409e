/**
 * The app: three client-side routes. The widget asks "how did checkout go?" when the visitor
 * reaches /checkout/done (a route rule in the survey's targeting, noticed without patching
 * history), and the app's own SDK client also reports a thumbs rating from the cart page.
 */
import { createClient } from '@earful/sdk';
import { mountWidget } from '@earful/widget';
import { startRouter } from './router.js';

const endpoint = import.meta.env.VITE_EARFUL_ENDPOINT ?? 'http://127.0.0.1:8787/responses';
const client = createClient({ endpoint });

mountWidget({
  client,
  survey: {
    id: 'checkout-done',
    questions: [
      { id: 'ease', type: 'rating', scale: 'ces7', prompt: 'How easy was it to place your order?' },
      { id: 'why', type: 'text', prompt: 'What made it hard?', showIf: { question: 'ease', sentiment: ['negative'] } },
    ],
    display: { mode: 'launcher', launcher: { hidden: true } },
    trigger: { type: 'delay', ms: 300 },
    targeting: { include: [{ match: 'prefix', value: '/checkout/done' }], reask: { oncePerSession: false } },
  },
});

startRouter(document.getElementById('view')!, {
  '/': (root) => {
    root.textContent = 'Welcome to the shop.';
  },
  '/cart': (root) => {
    root.replaceChildren();
    const button = document.createElement('button');
    button.textContent = '👎 This cart page is confusing';
    button.addEventListener('click', async () => {
      const { status } = await client.submit({ surveyId: 'cart', answers: [{ type: 'rating', questionId: 'cart', scale: 'thumbs', value: 0 }] });
      button.textContent = status === 'delivered' ? 'Thanks — sent' : 'Thanks — saved, we will send it when you are back online';
    });
    root.append(button);
  },
  '/checkout/done': (root) => {
    root.textContent = 'Order placed. Thank you!';
  },
});
