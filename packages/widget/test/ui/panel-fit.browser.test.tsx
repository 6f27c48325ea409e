/**
 * The panel on small screens and at 400 % zoom, in real Chromium (WCAG 1.4.10 Reflow, 2.4.11
 * Focus Not Obscured, 2.5.3 Label in Name): its box lies inside the viewport at phone widths,
 * with a shrunken viewport standing in for the on-screen keyboard, and at 320 × 256 CSS px (a
 * 1280 × 1024 screen at 400 %); it scrolls inside itself; the whole complaint flow works from
 * the keyboard alone with every focused control in view; nothing jumps when "Step 1 of 5"
 * fills in. Screenshots land in test-results/panel/ for people to look at.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, mount, until, type Mounted } from './helpers.js';

afterEach(async () => {
  cleanup();
  await page.viewport(414, 896);
});

/** The box of `element` in viewport pixels, rounded to what layout can differ by. */
function box(element: Element) {
  const r = element.getBoundingClientRect();
  return { left: Math.round(r.left), top: Math.round(r.top), right: Math.round(r.right), bottom: Math.round(r.bottom), height: Math.round(r.height) };
}

/** Fails unless `element` lies inside the viewport and inside every ancestor that clips it (the scrolling panel). */
function expectInView(element: Element, what: string) {
  const r = element.getBoundingClientRect();
  expect(r.width * r.height, `${what} has no size`).toBeGreaterThan(0);
  const inside = (outer: { left: number; top: number; right: number; bottom: number }, name: string) => {
    const where = `${what} [${[r.left, r.top, r.right, r.bottom].map(Math.round)}] outside ${name} [${[outer.left, outer.top, outer.right, outer.bottom].map(Math.round)}]`;
    expect(r.left >= outer.left - 0.5 && r.top >= outer.top - 0.5 && r.right <= outer.right + 0.5 && r.bottom <= outer.bottom + 0.5, where).toBe(true);
  };
  inside({ left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight }, `the ${window.innerWidth}×${window.innerHeight} viewport`);
  // Up through the shadow root to the page: every ancestor that clips must show the element.
  const up = (e: Element): Element | null => e.parentElement ?? ((e.getRootNode() as Partial<ShadowRoot>).host ?? null);
  for (let p = up(element); p; p = up(p)) {
    if (getComputedStyle(p).overflowY !== 'visible') inside(p.getBoundingClientRect(), `its scrolling ${p.className || p.tagName}`);
  }
}

/** The element that has focus, inside the widget's shadow root. */
const focused = (m: Mounted) => m.root.activeElement as HTMLElement | null;

/** What a sighted voice-control user reads on a control: its text, without symbols such as × and ★. */
function visibleWords(element: HTMLElement): string {
  return /[\p{L}\p{N}]/u.test(element.innerText) ? element.innerText.trim().replace(/\s+/g, ' ') : '';
}

/** Checks the control that has focus: in view, and its accessible name holds the words it shows (2.5.3). */
function checkFocused(m: Mounted, step: string) {
  const element = focused(m);
  expect(element, `${step}: nothing has focus`).toBeTruthy();
  expectInView(element!, `${step}: the focused ${element!.tagName.toLowerCase()} "${element!.getAttribute('aria-label') ?? element!.textContent?.slice(0, 30)}"`);
  const label = element!.getAttribute('aria-label');
  if (label) expect(label, `${step}: name of a control showing "${visibleWords(element!)}"`).toContain(visibleWords(element!));
}

/** Presses Tab until `wanted` has focus (at most 12 times), checking every control focus passes through. */
async function tabTo(m: Mounted, wanted: (element: HTMLElement) => boolean, step: string) {
  for (let i = 0; i < 12; i++) {
    await userEvent.keyboard('{Tab}');
    checkFocused(m, step);
    if (wanted(focused(m)!)) return;
  }
  throw new Error(`${step}: Tab never reached the wanted control`);
}

const isNext = (e: HTMLElement) => e.matches('button[type=submit]');

describe('the popover lies inside the viewport', () => {
  it.each([320, 360, 390, 768])('at %i px wide, on every step, and with the keyboard up (height 300)', async (width) => {
    await page.viewport(width, 640);
    const m = mount('complaint');
    m.widget.open();
    await until(() => m.root.querySelector('[role=radio]'), 'the rating');
    const popover = m.$('.popover');
    expectInView(popover, `the popover at ${width}×640`);
    m.$$<HTMLButtonElement>('[role=radio]')[0]!.click();
    m.$<HTMLButtonElement>('button[type=submit]').click();
    await until(() => m.root.querySelector('input[type=checkbox]'), 'what went wrong');
    expectInView(popover, `the popover on "what went wrong" at ${width}×640`);
    m.$<HTMLButtonElement>('button[type=submit]').click();
    await until(() => m.root.querySelector('legend')?.textContent === 'What would put it right?', 'what would put it right');
    m.$<HTMLButtonElement>('button[type=submit]').click();
    await until(() => m.root.querySelector('textarea'), 'tell us more');
    // An on-screen keyboard leaves ~300 px: the panel shrinks to fit and the focused field stays visible.
    await page.viewport(width, 300);
    m.$<HTMLTextAreaElement>('textarea').focus();
    await until(() => popover.getBoundingClientRect().top >= 0, 'the popover to fit 300 px');
    expectInView(popover, `the popover at ${width}×300`);
    expectInView(m.$('textarea'), `the focused field at ${width}×300`);
  });

  it('keeps 8 px from each edge of a 320 px screen in the left corners too, and as a modal', async () => {
    await page.viewport(320, 640);
    const left = mount('complaint', { mode: 'launcher' });
    left.host.dataset.position = 'bottom-left';
    left.widget.open();
    await until(() => left.root.querySelector('[role=radio]'), 'the rating');
    const b = box(left.$('.popover'));
    expect([b.left, 320 - b.right]).toEqual([20, 8]);
    cleanup();
    const modal = mount('complaint', { mode: 'modal' });
    modal.widget.open();
    await until(() => modal.root.querySelector('[role=radio]'), 'the rating');
    expectInView(modal.$('dialog'), 'the modal at 320×640');
    await page.viewport(320, 256);
    await until(() => modal.$('dialog').getBoundingClientRect().height <= 256, 'the modal to fit 256 px');
    expectInView(modal.$('dialog'), 'the modal at 320×256');
    expectInView(modal.$('.close'), 'the modal’s Close button at 320×256');
  });
});

describe('the heading', () => {
  it('is the survey’s own title, else the preset’s, else a neutral default — never the launcher’s "Feedback"', async () => {
    const nps = { id: 'nps', questions: [{ id: 'score', type: 'rating' as const, scale: 'nps' as const, prompt: 'How likely are you to recommend us?' }] };
    const untitled = mount(nps, { mode: 'inline', target: document.body });
    expect(untitled.$('h2').textContent).toBe('Tell us what you think');
    const titled = mount({ ...nps, id: 'nps2', title: { en: 'Would you recommend us?', ko: '추천하시겠어요?' } }, { mode: 'inline', target: document.body, locale: 'ko' });
    await titled.widget.ready;
    expect(titled.$('h2').textContent).toBe('추천하시겠어요?');
    const preset = mount('complaint', { mode: 'inline', target: document.body });
    expect(preset.$('h2').textContent).toBe('How did we do?');
    expect(untitled.$('.popover, .inline').getAttribute('aria-labelledby')).toBe('earful-title');
  });
});

describe('"Step 1 of N" has its place from the start', () => {
  it('the panel keeps its height and the rating its place when the progress line fills in', async () => {
    await page.viewport(390, 740);
    const m = mount('complaint');
    m.widget.open();
    await until(() => m.root.querySelector('[role=radio]'), 'the rating');
    const progress = m.$('.progress');
    expect(progress.textContent).toBe('');
    // Measure after the opening animation (it slides the panel up 8 px).
    await Promise.all(m.$('.popover').getAnimations().map((a) => a.finished));
    const before = { panel: box(m.$('.popover')), scale: box(m.$('[role=radiogroup]')) };
    m.$$<HTMLButtonElement>('[role=radio]')[0]!.click();
    await until(() => progress.textContent === 'Step 1 of 5', `"Step 1 of 5", got "${progress.textContent}"`);
    expect({ panel: box(m.$('.popover')), scale: box(m.$('[role=radiogroup]')) }).toEqual(before);
    // A one-question survey reserves nothing.
    cleanup();
    const one = mount({ id: 'one', questions: [{ id: 'r', type: 'rating', scale: 'csat5', prompt: 'How was it?' }] }, { mode: 'inline', target: document.body });
    expect(one.root.querySelector('.progress')).toBeNull();
  });
});

describe('at 400 % zoom (320 × 256 CSS px) and at 320 × 640, from the keyboard alone', () => {
  it.each([
    [320, 640],
    [320, 256],
  ])('goes through the whole complaint flow at %i × %i: Tab, arrows, Space, Enter, Escape; every focused control in view', async (width, height) => {
    await page.viewport(width, height);
    const m = mount('complaint');
    const launcher = m.$<HTMLButtonElement>('.launcher');
    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo(m, (e) => e === launcher, 'the launcher');
    await userEvent.keyboard('{Enter}');
    await until(() => focused(m)?.getAttribute('role') === 'radio', 'focus on the rating');
    const popover = m.$('.popover');
    expectInView(popover, `the open popover at ${width}×${height}`);
    expect(popover.scrollHeight <= popover.clientHeight || getComputedStyle(popover).overflowY === 'auto').toBe(true);
    await page.screenshot({ element: m.host.ownerDocument.body, path: `../../test-results/panel/panel-${width}x${height}.png` });

    // Rating: arrows move and choose, Shift+Tab reaches the close button, Tab comes back.
    await userEvent.keyboard('{ArrowRight}');
    await until(() => focused(m)?.getAttribute('aria-checked') === 'true' && focused(m)?.getAttribute('aria-label') === '2, Unsatisfied', 'rating 2 by arrow');
    checkFocused(m, 'rating');
    await userEvent.keyboard('{ArrowLeft}');
    await until(() => focused(m)?.getAttribute('aria-label') === '1, Very unsatisfied' && focused(m)?.getAttribute('aria-checked') === 'true', 'rating 1 by arrow');
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    expect(focused(m)?.className).toBe('close');
    checkFocused(m, 'the close button');
    await userEvent.keyboard('{Tab}');
    await tabTo(m, isNext, 'rating → Next');
    await userEvent.keyboard('{Enter}');

    // What went wrong: Space ticks a reason.
    await until(() => focused(m)?.matches('input[type=checkbox]'), 'focus on the first reason');
    checkFocused(m, 'what went wrong');
    await userEvent.keyboard(' ');
    await tabTo(m, isNext, 'what went wrong → Next');
    await userEvent.keyboard('{Enter}');

    // What would put it right: the new step, a normal choice.
    await until(() => m.root.querySelector('legend')?.textContent === 'What would put it right?', 'what would put it right');
    await until(() => focused(m)?.matches('input[type=checkbox]'), 'focus on the first remedy');
    if (height === 256) await page.screenshot({ element: m.host.ownerDocument.body, path: `../../test-results/panel/remedy-${width}x${height}.png` });
    await userEvent.keyboard(' ');
    await tabTo(m, isNext, 'what would put it right → Next');
    await userEvent.keyboard('{Enter}');

    // Tell us more: type, then Tab to Next.
    await until(() => focused(m)?.matches('textarea'), 'focus on the details');
    await userEvent.keyboard('The parcel came a week late');
    checkFocused(m, 'details');
    await tabTo(m, isNext, 'details → Next');
    await userEvent.keyboard('{Enter}');

    // Contact: Space on consent, Tab into the email field, Enter sends.
    await until(() => focused(m)?.matches('input[type=checkbox]'), 'focus on consent');
    await userEvent.keyboard(' ');
    await tabTo(m, (e) => e.matches('input[type=email]'), 'consent → email');
    await userEvent.keyboard('ann@example.com');
    await userEvent.keyboard('{Enter}');

    await until(() => m.root.querySelector('.done'), 'the thank-you');
    await until(() => focused(m)?.classList.contains('done'), 'focus on the thank-you');
    checkFocused(m, 'the thank-you');
    expect(m.client.calls[0]!.answers).toEqual([
      { type: 'rating', questionId: 'rating', scale: 'csat5', value: 1 },
      { type: 'choice', questionId: 'reasons', values: ['late'] },
      { type: 'choice', questionId: 'remedy', values: ['refund'] },
      { type: 'text', questionId: 'details', value: 'The parcel came a week late' },
      { type: 'contact', questionId: 'contact', consent: true, email: 'ann@example.com' },
    ]);
    await userEvent.keyboard('{Escape}');
    await until(() => m.$('.popover').hidden, 'closed by Escape');
    expect(focused(m)).toBe(launcher);
  });
});
