/**
 * Live over Server-Sent Events: a new case appears in the open queue with a quiet toast in a
 * polite live region (focus stays where it was), the counts and the tab title follow, the open
 * case updates in place, and a refused stream reconnects by itself and catches up. A customer's
 * follow-up answer is part of its case: no toast, no count; the case it reopens comes back.
 */
import { FOLLOW_UP_SURVEY } from '@earful/schema/lean';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource, koreanComplaint, npsResponse } from '../support/fake-api.js';
import { mountApp, type Mounted } from '../support/mount-app.js';

let app: Mounted;
afterEach(() => app?.unmount());

const rows = () => [...document.querySelectorAll('.row-link')];

describe('live', () => {
  it('a new negative case appears in the queue, toasts quietly and counts in the title', async () => {
    app = mountApp({ responses: [npsResponse(9)] });
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    await vi.waitFor(() => expect(FakeEventSource.last.readyState).toBe(1));
    expect(FakeEventSource.last.url).toBe('/api/events');
    const search = document.getElementById('queue-search') as HTMLInputElement;
    search.focus();
    const complaint = koreanComplaint();
    app.api.add(complaint);
    FakeEventSource.last.emit('response', { type: 'response', id: complaint.id, sentiment: 'negative', surveyId: 'complaint' });
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows().some((r) => r.textContent!.includes('배송이 3주나 늦었고'))).toBe(true);
    const region = document.querySelector('.toasts')!;
    expect(region.getAttribute('role')).toBe('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    await vi.waitFor(() => expect(region.textContent).toContain('New negative case: 배송이 3주나 늦었고 연락도 없었어요.'));
    expect(region.querySelector('a')!.getAttribute('href')).toBe(`#/cases/${complaint.id}`);
    expect(document.activeElement).toBe(search);
    await vi.waitFor(() => expect(document.title).toBe('(2) Earful inbox'));
  });

  it('a new positive response shows in the queue without a toast', async () => {
    app = mountApp({ responses: [] });
    await vi.waitFor(() => expect(FakeEventSource.last?.readyState).toBe(1));
    const praise = npsResponse(10);
    app.api.add(praise);
    FakeEventSource.last.emit('response', { type: 'response', id: praise.id, sentiment: 'positive', surveyId: 'nps' });
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 200));
    expect(document.querySelector('.toasts')!.children).toHaveLength(0);
  });

  it("a customer's red follow-up answer raises no toast and no count; the case it reopens comes back, and a complaint still toasts", async () => {
    app = mountApp({ responses: [npsResponse(3)], hash: '#/cases?status=new,acknowledged' });
    const earlier = koreanComplaint();
    const sentAt = new Date(Date.now() - 86_400_000).toISOString();
    app.api.add(earlier, { status: 'resolved', remedy: 'refund', resolvedAt: sentAt, followUp: { sentAt, expiresAt: new Date(Date.now() + 86_400_000).toISOString(), answeredAt: null, sentiment: null, responseId: null } });
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    await vi.waitFor(() => expect(document.title).toBe('(1) Earful inbox'));
    await vi.waitFor(() => expect(FakeEventSource.last.readyState).toBe(1));

    const answer = app.api.answerFollowUp(earlier.id, 1, 'Still not refunded');
    const before = app.api.calls.length;
    FakeEventSource.last.emit('response', { type: 'response', id: answer.id, sentiment: 'negative', surveyId: FOLLOW_UP_SURVEY });
    await new Promise((r) => setTimeout(r, 400)); // past the debounced refreshes (250 ms at most)
    expect(document.querySelector('.toasts')!.children).toHaveLength(0);
    expect(app.api.calls.slice(before).map((c) => c.path)).toEqual([]); // not read, not counted

    // The reopen's own event brings the case back into this queue of open statuses.
    FakeEventSource.last.emit('case', { type: 'case', id: earlier.id, version: app.api.records.get(earlier.id)!.case.version });
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows().some((r) => r.getAttribute('href') === `#/cases/${earlier.id}`)).toBe(true);
    expect(rows().some((r) => r.textContent!.includes('Still not refunded'))).toBe(false);

    const complaint = koreanComplaint({ answers: [{ type: 'rating', questionId: 'rating', scale: 'thermometer4', value: 1 }, { type: 'text', questionId: 'text', value: 'Broken on arrival.' }] });
    app.api.add(complaint);
    FakeEventSource.last.emit('response', { type: 'response', id: complaint.id, sentiment: 'negative', surveyId: 'complaint' });
    const region = document.querySelector('.toasts')!;
    await vi.waitFor(() => expect(region.textContent).toContain('New negative case: Broken on arrival.'));
    expect(region.querySelectorAll('a')).toHaveLength(1);
    expect(region.querySelector('a')!.getAttribute('href')).toBe(`#/cases/${complaint.id}`);
    expect(region.textContent).not.toContain('Still not refunded');
    await vi.waitFor(() => expect(document.title).toBe('(2) Earful inbox'));
  });

  it('a case changed elsewhere so that it now matches the filters shows up in the open queue', async () => {
    const waiting = koreanComplaint();
    app = mountApp({ responses: [waiting, npsResponse(9)], hash: '#/cases?status=acknowledged' });
    await vi.waitFor(() => expect(document.querySelector('.empty')).not.toBeNull());
    await vi.waitFor(() => expect(FakeEventSource.last.readyState).toBe(1));
    expect(rows()).toHaveLength(0);
    app.api.changeBehind(waiting.id, { status: 'acknowledged' });
    FakeEventSource.last.emit('case', { type: 'case', id: waiting.id, version: 2 });
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.getAttribute('href')).toBe(`#/cases/${waiting.id}`);
  });

  it('a queue of the follow-up answers themselves shows a new one live, without a toast', async () => {
    const earlier = koreanComplaint();
    app = mountApp({ responses: [earlier], hash: `#/cases?survey=${FOLLOW_UP_SURVEY}` });
    await vi.waitFor(() => expect(document.querySelector('.empty')).not.toBeNull());
    await vi.waitFor(() => expect(FakeEventSource.last.readyState).toBe(1));
    expect(rows()).toHaveLength(0);
    const answer = app.api.answerFollowUp(earlier.id, 2, 'Only half of it arrived');
    FakeEventSource.last.emit('response', { type: 'response', id: answer.id, sentiment: 'negative', surveyId: FOLLOW_UP_SURVEY });
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain('Only half of it arrived');
    await new Promise((r) => setTimeout(r, 200));
    expect(document.querySelector('.toasts')!.children).toHaveLength(0);
  });

  it('the open case updates in place when someone else changes it', async () => {
    const complaint = koreanComplaint();
    app = mountApp({ responses: [complaint], hash: `#/cases/${complaint.id}` });
    await vi.waitFor(() => expect(document.querySelector('.answers')).not.toBeNull());
    await vi.waitFor(() => expect(FakeEventSource.last.readyState).toBe(1));
    app.api.changeBehind(complaint.id, { assignee: 'ben@example.com', tags: ['vip'] });
    FakeEventSource.last.emit('case', { type: 'case', id: complaint.id, version: 2 });
    await vi.waitFor(() => expect(document.querySelector('main')!.textContent).toContain('Owned by ben@example.com'));
    expect(document.querySelector('.tags')!.textContent).toContain('vip');
    expect(document.querySelector('.notice')!.textContent).toBe('This case was just changed by someone else; it shows the latest now.');
  });

  it('ignores events that are not JSON objects with an id', async () => {
    app = mountApp({ responses: [npsResponse(9)] });
    await vi.waitFor(() => expect(FakeEventSource.last?.readyState).toBe(1));
    const before = app.api.calls.length;
    FakeEventSource.last.dispatchEvent(new MessageEvent('response', { data: '<img src=x onerror=alert(1)>' }));
    FakeEventSource.last.emit('response', { type: 'response' });
    await new Promise((r) => setTimeout(r, 400));
    expect(app.api.calls.length).toBe(before);
  });

  it('reconnects by itself after the receiver refused the stream, says so meanwhile, and catches up', async () => {
    app = mountApp({ responses: [npsResponse(9)] });
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    await vi.waitFor(() => expect(FakeEventSource.last.readyState).toBe(1));
    const first = FakeEventSource.last;
    const complaint = koreanComplaint();
    app.api.add(complaint); // arrives while the receiver restarts: no event for it
    first.refuse();
    await vi.waitFor(() => expect(FakeEventSource.instances.length).toBe(2));
    await vi.waitFor(() => expect(FakeEventSource.last.readyState).toBe(1));
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    expect(document.querySelector('.live-offline')).toBeNull();
    expect(first.readyState).toBe(2);
  });

  it('shows that live updates are paused while the stream is down', async () => {
    app = mountApp({ responses: [npsResponse(9)] });
    await vi.waitFor(() => expect(FakeEventSource.last?.readyState).toBe(1));
    const source = FakeEventSource.last;
    source.readyState = 0; // the browser retries by itself
    source.onerror?.(new Event('error'));
    await vi.waitFor(() => expect(document.querySelector('.live-offline')?.textContent).toContain('Live updates paused'));
    expect(FakeEventSource.instances).toHaveLength(1);
    source.open();
    await vi.waitFor(() => expect(document.querySelector('.live-offline')).toBeNull());
  });

  it('stops and asks to sign in when the session ended while the stream was down', async () => {
    app = mountApp({ responses: [npsResponse(9)] });
    await vi.waitFor(() => expect(FakeEventSource.last?.readyState).toBe(1));
    app.api.expire();
    FakeEventSource.last.refuse();
    await vi.waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('Sign in to the inbox'));
    expect(document.querySelector('.notice')!.textContent).toContain('Your session has ended');
    await new Promise((r) => setTimeout(r, 100));
    expect(FakeEventSource.instances).toHaveLength(1);
  });
});
