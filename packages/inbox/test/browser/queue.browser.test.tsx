/** The queue: rows, filters in the URL (and the back button), honest empty states, keyboard. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { koreanComplaint, npsResponse } from '../support/fake-api.js';
import { mountApp, type Mounted } from '../support/mount-app.js';

let app: Mounted;
afterEach(() => app?.unmount());

const heading = () => document.querySelector('h1')?.textContent ?? '';
const rows = () => [...document.querySelectorAll('.row-link')];
const lastListCall = () => app.api.calls.filter((c) => c.path.startsWith('/api/cases?')).at(-1)!.path;

describe('queue', () => {
  it('shows each case with sentiment, status, order id, wait and the text in its language', async () => {
    app = mountApp({ responses: [koreanComplaint(), npsResponse(9)] });
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    const first = rows().find((r) => r.textContent!.includes('A-1001'))!;
    expect(first.textContent).toContain('Negative');
    expect(first.textContent).toContain('New');
    expect(first.textContent).toContain('A-1001');
    expect(first.textContent).toMatch(/waited 1 day/);
    const text = first.querySelector('.row-text')!;
    expect(text.getAttribute('lang')).toBe('ko');
    expect(text.getAttribute('dir')).toBe('ltr');
    expect(text.textContent).toBe('배송이 3주나 늦었고 연락도 없었어요.');
    expect(first.getAttribute('href')).toBe(`#/cases/${[...app.api.records.keys()][0]}`);
    expect(rows()[0]!.textContent).toContain('Positive'); // newest first
    expect(document.querySelector('.count')?.textContent).toBe('2 cases shown');
  });

  it('asks for the first page together with the session, once, and anew after a sign-in', async () => {
    app = mountApp({ responses: [koreanComplaint()], hash: '#/cases?sort=urgent' });
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    expect(app.api.calls.slice(0, 2).map((c) => c.path)).toEqual(['/api/cases?sort=urgent&limit=50', '/api/session']);
    expect(app.api.calls.filter((c) => c.path.startsWith('/api/cases?'))).toHaveLength(1);
    app.unmount();
    app = mountApp({ responses: [koreanComplaint()], signedIn: false });
    await vi.waitFor(() => expect(document.querySelector('#sign-in-email')).not.toBeNull());
    await userEvent.fill(page.getByLabelText('Email'), 'ana@example.com');
    await userEvent.fill(page.getByLabelText('Password'), 'correct horse battery');
    await userEvent.click(page.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    const lists = app.api.calls.filter((c) => c.path.startsWith('/api/cases?'));
    expect(lists).toHaveLength(2); // the refused early one, and the one after signing in
  });

  it('puts filters and the search in the URL and asks the API with them; back undoes one', async () => {
    app = mountApp({ responses: [koreanComplaint(), npsResponse(9)] });
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    await userEvent.fill(page.getByRole('searchbox'), '배송');
    await userEvent.click(page.getByRole('button', { name: 'Search', exact: true }));
    await vi.waitFor(() => expect(location.hash).toBe(`#/cases?q=${encodeURIComponent('배송')}`));
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    expect(lastListCall()).toContain(`q=${encodeURIComponent('배송')}`);
    await userEvent.click(page.getByText('Filters'));
    await userEvent.selectOptions(page.getByLabelText('Status'), 'resolved');
    await vi.waitFor(() => expect(location.hash).toBe(`#/cases?q=${encodeURIComponent('배송')}&status=resolved`));
    await vi.waitFor(() => expect(document.querySelector('.empty')?.textContent).toBe('No cases match these filters.'));
    expect(lastListCall()).toMatch(/status=resolved/);
    history.back();
    await vi.waitFor(() => expect(location.hash).toBe(`#/cases?q=${encodeURIComponent('배송')}`));
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
  });

  it('asks for whole UTC days when a date range is chosen', async () => {
    app = mountApp({ responses: [koreanComplaint()], hash: '#/cases?since=2026-11-01&until=2026-11-30' });
    await vi.waitFor(() => expect(app.api.calls.some((c) => c.path.startsWith('/api/cases?'))).toBe(true));
    const params = new URLSearchParams(lastListCall().split('?')[1]);
    expect(params.get('since')).toBe('2026-11-01T00:00:00.000Z');
    expect(params.get('until')).toBe('2026-11-30T23:59:59.999Z');
  });

  it('says "No responses yet" only when there are none, and never while filters hide some', async () => {
    app = mountApp({ responses: [] });
    await vi.waitFor(() => expect(document.querySelector('.empty')?.textContent).toContain('No responses yet'));
    app.unmount();
    app = mountApp({ responses: [npsResponse(9)], hash: '#/cases?sentiment=negative' });
    await vi.waitFor(() => expect(document.querySelector('.empty')?.textContent).toBe('No cases match these filters.'));
  });

  it('j/k move, Enter opens, / searches, ? lists the shortcuts', async () => {
    app = mountApp({ responses: [koreanComplaint(), npsResponse(3), npsResponse(9)] });
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('j');
    expect(document.activeElement).toBe(rows()[1]);
    await userEvent.keyboard('j');
    await userEvent.keyboard('j');
    expect(document.activeElement).toBe(rows()[2]);
    await userEvent.keyboard('k');
    expect(document.activeElement).toBe(rows()[1]);
    expect(rows()[1]!.getAttribute('aria-current')).toBe('true');
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(location.hash).toMatch(/^#\/cases\/[0-9a-f-]{36}$/));
    await vi.waitFor(() => expect(document.activeElement).toBe(document.querySelector('h1')));
    await userEvent.keyboard('/');
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('queue-search'));
    await userEvent.keyboard('j');
    expect((document.activeElement as HTMLInputElement).value).toBe('j');
    (document.activeElement as HTMLElement).blur();
    await userEvent.keyboard('?');
    await expect.element(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(document.querySelector('dialog')?.open).toBe(false));
  });

  it('speaks Korean when asked, with Korean plurals and dates', async () => {
    app = mountApp({ responses: [koreanComplaint()], locale: 'ko' });
    await vi.waitFor(() => expect(heading()).toBe('케이스'));
    await vi.waitFor(() => expect(document.querySelector('.count')?.textContent).toBe('케이스 1건 표시'));
    expect(document.documentElement.lang).toBe('ko');
    expect(rows()[0]!.textContent).toContain('부정적');
  });
});
