/**
 * WCAG 2.2 AA by axe-core on every view — sign-in, queue, case, dashboard — in light and dark, at
 * 1280 px and 375 px wide: zero violations. Each combination is also photographed into
 * test-results/screens/ (git-ignored) to be looked at; docs/images/inbox-*.png are picked from them.
 */
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { koreanComplaint, npsResponse } from '../support/fake-api.js';
import { mountApp, type Mounted } from '../support/mount-app.js';

let app: Mounted;
afterEach(() => app?.unmount());

const AA = { runOnly: { type: 'tag' as const, values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations' as const] };

async function violations(): Promise<string[]> {
  const result = await axe.run(document, AA);
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join('; ')}`);
}

function richApp(options: Parameters<typeof mountApp>[0]) {
  const korean = koreanComplaint();
  const latvian = koreanComplaint({
    locale: 'lv',
    createdAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
    answers: [
      { type: 'rating', questionId: 'rating', scale: 'thermometer4', value: 2 },
      { type: 'choice', questionId: 'reason', values: ['damaged'] },
      { type: 'text', questionId: 'text', value: 'Krūze atnāca saplīsusi, iepakojums bija slapjš.' },
    ],
    metadata: { orderId: 'B-2207' },
  });
  const telugu = koreanComplaint({
    locale: 'te',
    createdAt: new Date(Date.now() - 50 * 60_000).toISOString(),
    answers: [
      { type: 'rating', questionId: 'rating', scale: 'thermometer4', value: 4 },
      { type: 'text', questionId: 'text', value: 'డెలివరీ చాలా వేగంగా వచ్చింది, ధన్యవాదాలు!' },
    ],
    metadata: { orderId: 'C-3310' },
  });
  app = mountApp({ ...options, responses: [] });
  app.api.add(korean, { overdue: true, tags: ['배송'], firstResponseDueAt: new Date(Date.now() - 2 * 3_600_000).toISOString() });
  app.api.add(latvian, { status: 'acknowledged', assignee: 'ben@example.com', firstResponseAt: new Date().toISOString() });
  app.api.add(telugu);
  app.api.add(npsResponse(3), { status: 'resolving', dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
  app.api.add(npsResponse(10), { status: 'resolved', remedy: null });
  return korean.id;
}

const views = {
  'sign-in': { signedIn: false, hash: '#/cases', ready: () => document.querySelector('#sign-in-email') },
  queue: { signedIn: true, hash: '#/cases', ready: () => document.querySelectorAll('.row-link').length === 5 || null },
  case: { signedIn: true, hash: 'case', ready: () => document.querySelectorAll('#reply-template option').length === 2 || null },
  dashboard: { signedIn: true, hash: '#/dashboard', ready: () => document.querySelector('.chart') },
} as const;

describe.each(['light', 'dark'] as const)('%s', (scheme) => {
  describe.each([1280, 375])('%i px', (width) => {
    it.each(Object.keys(views) as Array<keyof typeof views>)('%s has no axe violations', async (name) => {
      await page.viewport(width, 900);
      const view = views[name];
      const id = richApp({ signedIn: view.signedIn, scheme, hash: view.hash === 'case' ? '#/cases' : view.hash });
      if (view.hash === 'case') location.hash = `#/cases/${id}`;
      if (name === 'queue') app.state.selected.value = 0;
      await vi.waitFor(() => expect(view.ready()).toBeTruthy(), { timeout: 5_000 });
      if (name === 'queue') document.querySelector('details.filters')?.setAttribute('open', '');
      await new Promise((r) => setTimeout(r, 50));
      expect(getComputedStyle(document.body).colorScheme).toBe(scheme);
      expect(await violations()).toEqual([]);
      // Nothing wider than the screen: no sideways scrolling at 375 px.
      const wide = [...app.host.querySelectorAll<HTMLElement>('*')].filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((el) => `${el.tagName}.${el.className}#${el.id}`);
      expect(wide).toEqual([]);
      await page.screenshot({ path: `../../test-results/screens/inbox-${name}-${scheme}-${width}.png`, element: app.host });
    });
  });
});
