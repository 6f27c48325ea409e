/**
 * The page's `metadata` record (such as `{ orderId: 'A-1001' }`): set by the `metadata` option,
 * `handle.setMetadata()` or the script tag's `Earful('metadata', …)`, sent with every later
 * response, checked by the contract's flat-record rule. A bad record is reported and never sent:
 * the receiver would refuse the whole response for it.
 */
import { createLeanClient } from '@earful/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountWidget } from '../../src/mount-widget.js';
import { boot } from '../../src/script/boot.js';
import { isWidgetConfigError } from '../../src/widget-error.js';
import { cleanup, mount, until, type Mounted } from './helpers.js';

const thumbs = { id: 'order', questions: [{ id: 'ok', type: 'rating' as const, scale: 'thumbs' as const, prompt: 'All good?' }] };

/** Answers the one thumbs question and sends. */
async function answer(root: ShadowRoot): Promise<void> {
  await until(() => root.querySelector('[role=radio]'), 'the rating');
  root.querySelectorAll<HTMLButtonElement>('[role=radio]')[0]!.click();
  root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
}

async function send(m: Mounted, count: number): Promise<void> {
  await answer(m.root);
  // Sent, and the panel has moved on (to its thank-you), so reset() starts a new response.
  await until(() => m.client.calls.length === count && !m.root.querySelector('[role=radio]'), `submit ${count}`);
  m.widget.reset();
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  localStorage.clear();
  document.querySelectorAll('[data-earful]').forEach((host) => host.remove());
});

describe('mountWidget: the metadata option and setMetadata()', () => {
  it('sends the record with every later response, replaced by the next one; {} sends none', async () => {
    const record = { orderId: 'A-1001', total: 35.5, gift: false };
    const m = mount(thumbs, { mode: 'inline', target: document.body, metadata: record });
    // A copy was taken: the page changing its object later changes nothing sent.
    record.orderId = 'changed';
    await send(m, 1);
    expect(m.client.calls[0]!.metadata).toEqual({ orderId: 'A-1001', total: 35.5, gift: false });
    m.widget.setMetadata({ orderId: 'B-2002' });
    await send(m, 2);
    expect(m.client.calls[1]!.metadata).toEqual({ orderId: 'B-2002' });
    m.widget.setMetadata({});
    await send(m, 3);
    expect('metadata' in m.client.calls[2]!).toBe(false);
  });

  it.each([
    ['a string', 'A-1001', /^metadata must be a flat record .*\(metadata must be an object, got a string\)/],
    ['a nested object', { order: { id: 'A-1001' } }, /metadata\.order must be a string of at most 500 characters, a finite number or true\/false, got an object/],
    ['a too long value', { note: 'x'.repeat(501) }, /metadata\.note must be at most 500 characters/],
    ['too many keys', Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])), /metadata must have at most 20 keys/],
    ['NaN', { total: Number.NaN }, /metadata\.total must be a string/],
  ])('refuses %s with a WidgetConfigError saying what to fix, and sends the next response without metadata', async (_, bad, message) => {
    const m = mount(thumbs, { mode: 'inline', target: document.body, metadata: { orderId: 'A-1001' } });
    let error: unknown;
    try {
      m.widget.setMetadata(bad as never);
    } catch (e) {
      error = e;
    }
    expect(isWidgetConfigError(error)).toBe(true);
    expect((error as { option: string }).option).toBe('metadata');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('responses are sent without metadata until it is');
    await send(m, 1);
    // Not the earlier order's id either: that may be another order than the page's.
    expect('metadata' in m.client.calls[0]!).toBe(false);
  });

  it('a bad metadata option throws before the widget touches the page', () => {
    const before = document.querySelectorAll('[data-earful]').length;
    expect(() => mountWidget({ client: { submit: async () => ({ id: 'x', status: 'delivered' }) }, survey: thumbs, metadata: { '': 1 } })).toThrow(
      /^metadata must be a flat record .*metadata\. keys must not be empty/,
    );
    expect(document.querySelectorAll('[data-earful]')).toHaveLength(before);
  });

  it('a valid record that takes a long response past the 16 KB wire limit: the answers are delivered without it', async () => {
    const bodies: Record<string, unknown>[] = [];
    const fetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
      bodies.push(JSON.parse(String(init?.body)));
      return new Response(null, { status: 204 });
    };
    const client = createLeanClient({ endpoint: 'https://receiver.example/feedback', storage: 'memory', fetch });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // 20 keys of 500 two-byte characters: ~20 KB of metadata, each key within the rules.
    const metadata = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'é'.repeat(500)]));
    const widget = mountWidget({ client, survey: thumbs, mode: 'inline', target: document.body, metadata, autoOpen: false });
    const root = document.querySelector('[data-earful]')!.shadowRoot!;
    const delivered = new Promise((resolve) => widget.on('submit', resolve));
    await answer(root);
    expect(await delivered).toMatchObject({ status: 'delivered' });
    widget.unmount();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.metadata).toBeUndefined();
    expect(bodies[0]!.answers).toMatchObject([{ type: 'rating', questionId: 'ok', scale: 'thumbs' }]);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/^Earful: .*larger than 16384 bytes.*; sent without metadata$/s));
  });
});

describe("the script tag: Earful('metadata', …)", () => {
  /** Boots the chunk's entry as the loader would, with `queue` as the calls made so far; responses go to a stubbed fetch. */
  function bootPage(queue: ArrayLike<unknown>[]) {
    const bodies: Record<string, unknown>[] = [];
    vi.spyOn(window, 'fetch').mockImplementation(async (_url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return new Response(null, { status: 204 });
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const script = document.createElement('script');
    script.dataset.endpoint = '/feedback';
    script.dataset.survey = JSON.stringify(thumbs);
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).append(document.createElement('button'));
    document.body.append(host);
    boot(script, host, queue);
    const push = (...args: unknown[]) => queue.push(args);
    return { bodies, errors, push, root: host.shadowRoot! };
  }

  it('attaches the record to the responses sent afterwards', async () => {
    const page = bootPage([['metadata', { orderId: 'A-1001' }], ['open']]);
    await answer(page.root);
    await until(() => page.bodies.length === 1 && !page.root.querySelector('[role=radio]'), 'the POST');
    expect(page.bodies[0]!.metadata).toEqual({ orderId: 'A-1001' });
    page.push('metadata', { orderId: 'B-2002' });
    page.push('reset');
    page.push('open');
    await answer(page.root);
    await until(() => page.bodies.length === 2, 'the second POST');
    expect(page.bodies[1]!.metadata).toEqual({ orderId: 'B-2002' });
    expect(page.errors).not.toHaveBeenCalled();
  });

  it('a bad record: one console.error saying what to fix, and the response is still delivered, without it', async () => {
    const page = bootPage([['metadata', { orderId: 'A-1001' }], ['metadata', { order: ['A-1001'] }], ['open']]);
    expect(page.errors.mock.calls).toEqual([
      [expect.stringMatching(/^Earful: metadata must be a flat record such as \{ orderId: "A-1001" \} \(metadata\.order must be a string .*got an array\); responses are sent without metadata until it is$/)],
    ]);
    await answer(page.root);
    await until(() => page.bodies.length === 1, 'the POST');
    expect(page.bodies[0]!.metadata).toBeUndefined();
  });

  it('an unknown command names metadata among the commands there are', () => {
    const page = bootPage([['metdata', { orderId: 'A-1001' }]]);
    expect(page.errors).toHaveBeenCalledWith(`Earful: unknown command "metdata"; use open, close, identify, metadata, on('submit', fn) or reset`);
  });
});
