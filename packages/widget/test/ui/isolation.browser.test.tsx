import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { cleanup, mount } from './helpers.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const text = { id: 't', questions: [{ id: 'x', type: 'text' as const, prompt: 'Say' }] };

describe('styles without inline style attributes', () => {
  it('uses constructable style sheets in the shadow root', () => {
    const m = mount(text, { mode: 'inline', target: document.body });
    expect(m.root.adoptedStyleSheets.length).toBeGreaterThanOrEqual(2);
    expect(m.root.querySelectorAll('style')).toHaveLength(0);
    expect(document.querySelectorAll('[style]')).toHaveLength(0);
  });

  it('falls back to <style> elements carrying the nonce where constructable sheets are missing', () => {
    const descriptor = Object.getOwnPropertyDescriptor(ShadowRoot.prototype, 'adoptedStyleSheets')!;
    delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
    try {
      const m = mount(text, { mode: 'inline', target: document.body, nonce: 'n0nce' });
      const styles = m.$$<HTMLStyleElement>('style');
      expect(styles.length).toBeGreaterThanOrEqual(2);
      for (const style of styles) expect(style.nonce).toBe('n0nce');
      expect(getComputedStyle(m.$('textarea')).minHeight).toBe('110px');
    } finally {
      Object.defineProperty(ShadowRoot.prototype, 'adoptedStyleSheets', descriptor);
    }
  });
});

describe('on-screen keyboards', () => {
  it('keeps a focused text field in view while the visual viewport resizes, and stops on blur', async () => {
    const m = mount(text, { mode: 'inline', target: document.body });
    const viewport = window.visualViewport!;
    const add = vi.spyOn(viewport, 'addEventListener');
    const remove = vi.spyOn(viewport, 'removeEventListener');
    const field = m.$<HTMLTextAreaElement>('textarea');
    const scroll = vi.spyOn(field, 'scrollIntoView');
    field.focus();
    expect(add).toHaveBeenCalledWith('resize', expect.any(Function));
    const onResize = add.mock.calls.find((c) => c[0] === 'resize')![1] as () => void;
    onResize();
    expect(scroll).toHaveBeenCalledWith({ block: 'nearest' });
    field.blur();
    expect(remove).toHaveBeenCalledWith('resize', onResize);
  });
});

describe('unmount', () => {
  it('removes the listeners it added to the window and visual viewport', async () => {
    const added: [EventTarget, string, unknown][] = [];
    const removed = new Set<unknown>();
    const origAdd = EventTarget.prototype.addEventListener;
    vi.spyOn(EventTarget.prototype, 'addEventListener').mockImplementation(function (this: EventTarget, type, listener, options) {
      if (this === window || this === document || this === window.visualViewport) added.push([this, type, listener]);
      const signal = typeof options === 'object' ? options?.signal : undefined;
      signal?.addEventListener('abort', () => removed.add(listener));
      return origAdd.call(this, type, listener, options);
    });
    const origRemove = EventTarget.prototype.removeEventListener;
    vi.spyOn(EventTarget.prototype, 'removeEventListener').mockImplementation(function (this: EventTarget, type, listener, options) {
      removed.add(listener);
      return origRemove.call(this, type, listener, options);
    });
    const m = mount('complaint', { mode: 'launcher' });
    m.widget.open();
    await userEvent.keyboard('{Escape}');
    m.widget.open();
    m.widget.unmount();
    expect(added.length, 'listeners were added at all').toBeGreaterThan(0);
    const left = added.filter(([, , l]) => !removed.has(l)).map(([t, type]) => `${t === window ? 'window' : t === document ? 'document' : 'visualViewport'}:${type}`);
    expect(left).toEqual([]);
  });
});
