/**
 * The script-tag chunk's reading of the loader's attributes (src/script/boot.ts): a relative
 * `data-endpoint` resolves against the page's base URL, as a form's `action` does; anything
 * that is not http(s) is refused with one message naming the attribute.
 */
import { describe, expect, it } from 'vitest';
import { optionsFromAttributes } from '../src/script/boot.js';
import { isWidgetConfigError } from '../src/widget-error.js';

/** Just what optionsFromAttributes reads of a document for a preset survey. */
const page = (baseURI: string) => ({ baseURI }) as Document;

describe('data-endpoint', () => {
  it.each([
    ['/api/feedback', 'https://shop.example/orders/1001', 'https://shop.example/api/feedback'],
    ['feedback', 'https://shop.example/app/done', 'https://shop.example/app/feedback'],
    ['../feedback', 'https://shop.example/app/done/', 'https://shop.example/app/feedback'],
    ['?to=feedback', 'http://shop.test:8080/x', 'http://shop.test:8080/x?to=feedback'],
    ['  /api/feedback  ', 'https://shop.example/', 'https://shop.example/api/feedback'],
    // Protocol-relative: another host, as <form action="//…"> would post to; the page's author wrote it.
    ['//api.example/feedback', 'https://shop.example/', 'https://api.example/feedback'],
    ['https://api.example/feedback', 'https://shop.example/', 'https://api.example/feedback'],
  ])('%j on %s → %s', (endpoint, base, expected) => {
    expect(optionsFromAttributes({ endpoint, survey: 'complaint' }, page(base)).endpoint).toBe(expected);
  });

  it.each([undefined, '', 'javascript:alert(document.cookie)', 'data:text/plain,hi', 'ftp://example.com/feedback', 'mailto:a@example.com', 'http://[::1', 'x'.repeat(100_000) + ':'])(
    'refuses %j with one message naming data-endpoint',
    (endpoint) => {
      let error: unknown;
      try {
        optionsFromAttributes({ endpoint, survey: 'complaint' }, page('https://shop.example/'));
      } catch (e) {
        error = e;
      }
      expect(isWidgetConfigError(error)).toBe(true);
      expect((error as Error).message).toMatch(/^data-endpoint must be an http\(s\) URL, absolute or relative to the page/);
      expect((error as Error).message.length).toBeLessThan(400);
    },
  );
});
