import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { cleanup, mount, until } from './helpers.js';

afterEach(cleanup);

const one = (scale: 'csat5' | 'nps' = 'csat5') => ({ id: 'one', questions: [{ id: 'r', type: 'rating' as const, scale, prompt: 'How was it?' }] });

describe('rating scales are ARIA radio groups', () => {
  it('have one tab stop and move with arrow keys, Home and End', async () => {
    const m = mount(one(), { mode: 'inline', target: document.body });
    const radios = () => m.$$<HTMLButtonElement>('[role=radio]');
    expect(radios().map((r) => r.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    radios()[0]!.focus();
    await userEvent.keyboard('{ArrowRight}');
    await until(() => radios()[1]!.getAttribute('aria-checked') === 'true', 'value 2 checked');
    expect(m.root.activeElement).toBe(radios()[1]);
    expect(radios().map((r) => r.tabIndex)).toEqual([-1, 0, -1, -1, -1]);
    await userEvent.keyboard('{End}');
    await until(() => radios()[4]!.getAttribute('aria-checked') === 'true', 'End');
    await userEvent.keyboard('{ArrowRight}');
    await until(() => radios()[0]!.getAttribute('aria-checked') === 'true', 'wraps to the first');
    await userEvent.keyboard('{ArrowLeft}');
    await until(() => radios()[4]!.getAttribute('aria-checked') === 'true', 'wraps to the last');
    await userEvent.keyboard('{Home}');
    await until(() => radios()[0]!.getAttribute('aria-checked') === 'true', 'Home');
  });

  it('mirror the arrow keys in right-to-left locales', async () => {
    const m = mount(one(), { mode: 'inline', target: document.body, locale: 'ar' });
    await m.widget.ready;
    const radios = () => m.$$<HTMLButtonElement>('[role=radio]');
    radios()[0]!.focus();
    await userEvent.keyboard('{ArrowLeft}');
    await until(() => radios()[1]!.getAttribute('aria-checked') === 'true', 'ArrowLeft moves forward in RTL');
    await userEvent.keyboard('{ArrowRight}');
    await until(() => radios()[0]!.getAttribute('aria-checked') === 'true', 'ArrowRight moves back in RTL');
  });
});

describe('text, choice and contact', () => {
  it('counts characters live against the limit', async () => {
    const m = mount({ id: 't', questions: [{ id: 'x', type: 'text', prompt: 'Say', maxLength: 5 }] }, { mode: 'inline', target: document.body });
    const field = m.$<HTMLTextAreaElement>('textarea');
    expect(m.$('.count').textContent).toBe('0 of 5 characters');
    field.focus();
    await userEvent.keyboard('abc');
    await until(() => m.$('.count').textContent === '3 of 5 characters', 'count 3');
    // (Keyboard emulation types an emoji as two lone surrogates; paste it the way an IME would.)
    field.value += '😀';
    field.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await until(() => m.$('.count').textContent === '4 of 5 characters', `count 4 (an emoji counts once), got ${m.$('.count').textContent}`);
    await userEvent.keyboard('xy');
    await until(() => m.$('.count').classList.contains('over'), 'over the limit');
    m.$<HTMLButtonElement>('button[type=submit]').click();
    await until(() => m.root.querySelector('.problem'), 'the too-long problem');
    expect(m.$('.problem').textContent).toBe('Please shorten this to 5 characters.');
    expect(m.client.calls).toHaveLength(0);
  });

  it('shows contact fields only after consent, and sends nothing from them without it', async () => {
    const m = mount(
      { id: 'c', questions: [{ id: 'c', type: 'contact', prompt: 'May we contact you?', fields: ['email', 'phone'] }, { id: 'r', type: 'rating', scale: 'thumbs', prompt: 'OK?' }] },
      { mode: 'inline', target: document.body },
    );
    expect(m.root.querySelector('input[type=email]')).toBeNull();
    const consent = m.$<HTMLInputElement>('input[type=checkbox]');
    consent.click();
    await until(() => m.root.querySelector('input[type=email]'), 'email field');
    m.$<HTMLInputElement>('input[type=email]').focus();
    await userEvent.keyboard('min@example.com');
    consent.click(); // withdraw consent: the typed email must not be sent
    await until(() => !m.root.querySelector('input[type=email]'), 'fields hidden again');
    m.$<HTMLButtonElement>('button[type=submit]').click();
    await until(() => m.root.querySelector('[role=radio]'), 'next step');
    m.$$<HTMLButtonElement>('[role=radio]')[1]!.click();
    m.$<HTMLButtonElement>('button[type=submit]').click();
    await until(() => m.client.calls.length === 1, 'submit');
    expect(m.client.calls[0]!.answers.map((a) => a.type)).toEqual(['rating']);
  });
});

describe('honest delivery states', () => {
  async function toSubmit(outcome: 'delivered' | 'queued' | 'reject' | 'hang') {
    const m = mount({ id: 'h', questions: [{ id: 'x', type: 'text', prompt: 'Say' }] }, { mode: 'inline', target: document.body });
    m.client.set(outcome);
    m.$<HTMLTextAreaElement>('textarea').focus();
    await userEvent.keyboard('my words');
    return m;
  }

  it('says "Thank you" only after the SDK says delivered', async () => {
    const m = await toSubmit('hang');
    m.$<HTMLButtonElement>('button[type=submit]').click();
    await until(() => m.root.textContent?.includes('Sending'), 'sending');
    expect(m.root.textContent).not.toContain('Thank you');
    m.client.release();
    await until(() => m.root.querySelector('.done'), 'done');
    expect(m.$('.done h3').textContent).toBe('Thank you');
  });

  it('says "Saved" when the response is queued', async () => {
    const m = await toSubmit('queued');
    m.$<HTMLButtonElement>('button[type=submit]').click();
    await until(() => m.root.querySelector('.done'), 'done');
    expect(m.$('.done h3').textContent).toBe("Saved — we'll send it when you're back online");
    expect(m.root.textContent).not.toContain('Thank you');
  });

  it('offers retry after a rejection and keeps the typed text', async () => {
    const m = await toSubmit('reject');
    m.$<HTMLButtonElement>('button[type=submit]').click();
    await until(() => m.root.querySelector('.problem'), 'failure');
    expect(m.$('.problem').textContent).toContain("couldn't send");
    expect(m.$<HTMLTextAreaElement>('textarea').value).toBe('my words');
    expect(m.$('button[type=submit]').textContent).toBe('Try again');
    m.client.set('delivered');
    m.$<HTMLButtonElement>('button[type=submit]').click();
    await until(() => m.root.querySelector('.done'), 'done after retry');
    expect(m.client.calls).toHaveLength(2);
    expect(m.client.calls[1]!.id).toBe(m.client.calls[0]!.id);
    expect(m.client.calls[1]!.answers).toEqual([{ type: 'text', questionId: 'x', value: 'my words' }]);
  });

  it('sends once on a double click', async () => {
    const m = await toSubmit('hang');
    const button = m.$<HTMLButtonElement>('button[type=submit]');
    button.click();
    button.click();
    m.$('form').dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    await until(() => m.client.calls.length > 0, 'the first submit');
    await new Promise((r) => setTimeout(r, 50));
    m.client.release();
    await until(() => m.root.querySelector('.done'), 'done');
    expect(m.client.calls).toHaveLength(1);
  });
});

describe('display modes and focus', () => {
  it('launcher + popover: focus moves in on open, Escape closes and focus returns to the launcher', async () => {
    const m = mount('complaint', { mode: 'launcher' });
    const launcher = m.$<HTMLButtonElement>('.launcher');
    expect(launcher.textContent).toBe('Feedback');
    expect(m.$('.popover').hidden).toBe(true);
    launcher.click();
    expect(m.$('.popover').hidden).toBe(false);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(m.root.activeElement?.getAttribute('role')).toBe('radio');
    await userEvent.keyboard('{Escape}');
    expect(m.$('.popover').hidden).toBe(true);
    expect(m.root.activeElement).toBe(launcher);
  });

  it('modal: opens in the top layer, traps focus, Escape closes', async () => {
    const outside = document.body.appendChild(document.createElement('button'));
    outside.textContent = 'host button';
    const m = mount('complaint', { mode: 'modal' });
    m.widget.open();
    const dialog = m.$<HTMLDialogElement>('dialog');
    expect(dialog.matches(':modal')).toBe(true);
    for (let i = 0; i < 8; i++) {
      await userEvent.tab();
      expect(document.activeElement === outside, `tab ${i} left the modal`).toBe(false);
    }
    await userEvent.keyboard('{Escape}');
    expect(dialog.open).toBe(false);
    outside.remove();
  });

  it('inline: renders inside the host element, with no launcher and no close button', () => {
    const target = document.body.appendChild(document.createElement('div'));
    target.id = 'here';
    const m = mount({ id: 'i', questions: [{ id: 'r', type: 'rating', scale: 'thumbs', prompt: 'OK?' }], display: { mode: 'inline', target: '#here' } });
    expect(m.host.parentElement).toBe(target);
    expect(m.root.querySelector('.launcher')).toBeNull();
    expect(m.root.querySelector('.close')).toBeNull();
    target.remove();
  });

  it('places the launcher in the configured corner with the configured offset, and can hide it', () => {
    const m = mount({ id: 'p', questions: [{ id: 'r', type: 'rating', scale: 'thumbs', prompt: 'OK?' }], display: { position: 'top-left', offset: { x: 30, y: 40 } } });
    const box = m.$('.launcher').getBoundingClientRect();
    expect([Math.round(box.left), Math.round(box.top)]).toEqual([30, 40]);
    const hidden = mount({ id: 'p2', questions: [{ id: 'r', type: 'rating', scale: 'thumbs', prompt: 'OK?' }], display: { launcher: { hidden: true } } });
    expect(hidden.$('.launcher').getBoundingClientRect().width).toBe(0);
  });

  it('unmount removes every node it added', () => {
    const before = document.body.innerHTML;
    const m = mount('complaint');
    m.widget.open();
    m.widget.unmount();
    expect(document.body.innerHTML).toBe(before);
    expect(() => m.widget.open()).not.toThrow();
  });

  it('every control is at least 44×44 px', () => {
    const m = mount({ id: 'all', questions: [{ id: 'r', type: 'rating', scale: 'nps', prompt: 'Recommend?' }] }, { mode: 'launcher' });
    m.widget.open();
    for (const el of m.$$('button:not([hidden]), [role=radio], .row, input[type=text], textarea')) {
      const { width, height } = el.getBoundingClientRect();
      expect(width >= 44 && height >= 44, `${el.outerHTML.slice(0, 60)} is ${width}×${height}`).toBe(true);
    }
  });
});

describe('user and author strings are text, never markup', () => {
  it('renders <img onerror> in every label and typed field as text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    (window as { __pwned?: number }).__pwned = 0;
    const m = mount(
      {
        id: 'x',
        title: evil,
        questions: [
          { id: 'r', type: 'rating', scale: 'csat5', prompt: evil, description: evil, labels: { low: evil, high: evil } },
          { id: 'c', type: 'choice', prompt: evil, options: [{ id: 'a', label: evil }], other: { label: evil } },
          { id: 'k', type: 'contact', prompt: evil, fields: ['name'], consentLabel: evil },
        ],
        texts: { next: evil, submit: evil },
      },
      { mode: 'inline', target: document.body },
    );
    expect(m.$('h2').textContent).toBe(evil);
    m.$$<HTMLButtonElement>('[role=radio]')[0]!.click();
    m.$<HTMLButtonElement>('button[type=submit]').click();
    await until(() => m.root.querySelector('legend'), 'choice step');
    m.$$<HTMLInputElement>('input[type=radio]')[1]!.click();
    await until(() => m.root.querySelector('input[type=text]'), 'other field');
    m.$<HTMLInputElement>('input[type=text]').focus();
    await userEvent.keyboard(evil.replace(/[{[]/g, (c) => c + c));
    m.$<HTMLButtonElement>('button[type=submit]').click();
    await until(() => m.root.querySelector('input[type=checkbox]'), 'contact step');
    expect(m.root.textContent).toContain(evil);
    expect(m.root.querySelectorAll('img')).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as { __pwned?: number }).__pwned).toBe(0);
  });
});
