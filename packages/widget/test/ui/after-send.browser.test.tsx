/**
 * What the visitor reads after Send, in real Chromium with the real SDK client (fetch replaced):
 * "Saved — we'll send it…" turns into "Thank you" when the SDK delivers the queued response
 * while the panel is open, and never before; an author's own survey ends neutrally, and only a
 * survey that carries an apology (the complaint preset, or the author's own words) apologises.
 */
import { createLeanClient } from '@earful/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import en from '../../src/locales/en.js';
import { fakeClient } from '../support/fake-client.js';
import { cleanup, mount, until } from './helpers.js';

const realFetch = globalThis.fetch;
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
});

/** A receiver behind `fetch`: down (503) until `up()`; counts the POSTs. */
function receiver() {
  let status = 503;
  const posts: string[] = [];
  globalThis.fetch = async (_input, init) => {
    posts.push(String(init?.body));
    return new Response(null, { status });
  };
  return { posts, up: () => (status = 202) };
}

const textSurvey = { id: 'later', questions: [{ id: 'x', type: 'text' as const, prompt: 'Say' }] };

describe('a queued response delivered while the panel is open', () => {
  it.each(['endpoint', 'client'] as const)('turns "Saved" into "Thank you" (widget given an %s)', async (given) => {
    const server = receiver();
    const endpoint = `https://receiver.test/feedback-${given}-${Date.now()}`;
    const options = given === 'endpoint' ? { endpoint, client: undefined } : { client: createLeanClient({ endpoint, retry: { initialDelayMs: 60_000 } }) };
    const m = mount(textSurvey, { mode: 'inline', target: document.body, ...options });
    m.$<HTMLTextAreaElement>('textarea').focus();
    await userEvent.keyboard('late again');
    m.$<HTMLButtonElement>('button[type=submit]').click();
    await until(() => m.root.querySelector('.done'), 'the end screen');
    const heading = m.$('.done h3');
    expect(heading.textContent).toBe(en['state.queued']);
    expect(server.posts.length).toBeGreaterThan(0);
    // Nothing false while it waits: still "Saved", never "Thank you".
    await new Promise((r) => setTimeout(r, 100));
    expect(m.root.textContent).not.toContain(en['state.delivered']);
    server.up();
    window.dispatchEvent(new Event('online'));
    await until(() => heading.textContent === en['state.delivered'], `"Thank you", got "${heading.textContent}"`);
    expect(m.root.textContent).not.toContain(en['state.queued']);
    expect(new Set(server.posts.map((p) => JSON.parse(p).id)).size).toBe(1);
  });

  it('ignores the delivery of another response', async () => {
    const client = fakeClient('queued');
    const m = mount(textSurvey, { mode: 'inline', target: document.body, client });
    m.$<HTMLTextAreaElement>('textarea').focus();
    await userEvent.keyboard('x');
    m.$<HTMLButtonElement>('button[type=submit]').click();
    await until(() => m.root.querySelector('.done'), 'the end screen');
    client.deliver('someone-else');
    await new Promise((r) => setTimeout(r, 50));
    expect(m.$('.done h3').textContent).toBe(en['state.queued']);
  });
});

describe('the thank-you after a negative answer', () => {
  const custom = { id: 'own', questions: [{ id: 'r', type: 'rating' as const, scale: 'csat5' as const, prompt: 'How was it?' }] };
  async function answerOne(survey: Parameters<typeof mount>[0]) {
    const m = mount(survey, { mode: 'inline', target: document.body });
    await until(() => m.root.querySelector('[role=radio]'), 'the rating');
    m.$$<HTMLButtonElement>('[role=radio]')[0]!.click();
    for (let i = 0; i < 6 && !m.root.querySelector('.done'); i++) {
      m.$<HTMLButtonElement>('button[type=submit]').click();
      await new Promise((r) => setTimeout(r, 20));
    }
    await until(() => m.root.querySelector('.done'), 'the end screen');
    return m.$('.done').textContent!;
  }

  it('is neutral for an author’s own survey: no apology, no promise it never made', async () => {
    const text = await answerOne(custom);
    expect(text).toBe(en['state.delivered'] + en['thanks.body']);
    expect(text).not.toContain('complaint');
  });

  it('apologises in the author’s words when the author writes them', async () => {
    const text = await answerOne({ ...custom, texts: { 'complaint.sorryBody': 'We will call you within a day.' } });
    expect(text).toBe(en['state.delivered'] + en['complaint.sorryTitle'] + 'We will call you within a day.');
  });

  it('keeps the complaint preset’s apology and what happens next', async () => {
    const text = await answerOne('complaint');
    expect(text).toBe(en['state.delivered'] + en['complaint.sorryTitle'] + en['complaint.sorryBody']);
  });

  it('is neutral for an author’s survey answered well too', async () => {
    const m = mount(custom, { mode: 'inline', target: document.body });
    m.$$<HTMLButtonElement>('[role=radio]')[4]!.click();
    m.$<HTMLButtonElement>('button[type=submit]').click();
    await until(() => m.root.querySelector('.done'), 'the end screen');
    expect(m.$('.done').textContent).toBe(en['state.delivered'] + en['thanks.body']);
  });
});
