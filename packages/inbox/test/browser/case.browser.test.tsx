/**
 * The case view: labels in the customer's language, the rating as its scale, the customer's text
 * as text (the `<img onerror>` test in every field), and every action — optimistic, and undone
 * with a clear message on 409.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { HOSTILE, hostileResponse, koreanComplaint, npsResponse } from '../support/fake-api.js';
import { mountApp, type Mounted } from '../support/mount-app.js';

let app: Mounted;
afterEach(() => app?.unmount());

const heading = () => document.querySelector('h1')?.textContent ?? '';
const main = () => document.querySelector('main')!;

async function openCase(response = koreanComplaint(), options: Parameters<typeof mountApp>[0] = {}) {
  app = mountApp({ responses: [response], hash: `#/cases/${response.id}`, ...options });
  await vi.waitFor(() => expect(document.querySelector('.answers')).not.toBeNull());
  return response.id;
}

describe('case view', () => {
  it('labels every answer from the survey in the customer\'s language, with lang and dir', async () => {
    await openCase();
    expect(heading()).toMatch(/^Order complaint, /);
    const answers = document.querySelector('.answers')!;
    const prompts = [...answers.querySelectorAll(':scope > dt')].map((dt) => [dt.textContent, dt.getAttribute('lang')]);
    expect(prompts).toEqual([
      ['어떠셨나요?', 'ko'],
      ['무엇이 문제였나요?', 'ko'],
      ['자세히 알려주세요', 'ko'],
      ['연락드려도 될까요?', 'ko'],
    ]);
    const reason = answers.querySelector('.choices li')!;
    expect(reason.textContent).toBe('배송 지연');
    expect(reason.getAttribute('lang')).toBe('ko');
    expect(answers.textContent).not.toContain('late');
    expect(answers.querySelector('.thermometer-1')).not.toBeNull();
    expect(answers.textContent).toContain('Red');
    const text = answers.querySelector('.customer-text')!;
    expect([text.getAttribute('lang'), text.getAttribute('dir'), text.textContent]).toEqual(['ko', 'ltr', '배송이 3주나 늦었고 연락도 없었어요.']);
    expect(answers.textContent).toContain('minji@example.com');
    expect(answers.textContent).toContain('Agreed to be contacted');
    const context = document.querySelector('#context-heading')!.parentElement!;
    expect(context.textContent).toContain('orderId');
    expect(context.textContent).toContain('A-1001');
    expect(context.textContent).toContain('390 × 844');
    expect(context.textContent).toContain('Korean (ko)');
  });

  it('shows an NPS answer as its number and a right-to-left text with dir="rtl"', async () => {
    const response = { ...npsResponse(3), locale: 'ar', answers: [{ type: 'rating' as const, questionId: 'nps', scale: 'nps' as const, value: 3 }, { type: 'text' as const, questionId: 'why', value: 'تأخر التوصيل' }] };
    await openCase(response);
    expect(document.querySelector('.nps-number')?.textContent).toBe('3');
    expect(main().textContent).toContain('3 of 10');
    expect(document.querySelector('.customer-text')?.getAttribute('dir')).toBe('rtl');
  });

  it('renders everything a customer wrote as text: <img onerror> in every field, metadata keys too', async () => {
    (window as { __xss?: number }).__xss = undefined;
    const response = hostileResponse();
    app = mountApp({ responses: [response] });
    await vi.waitFor(() => expect(document.querySelectorAll('.row-link')).toHaveLength(1));
    expect(document.querySelector('.row-link')!.textContent).toContain(HOSTILE);
    location.hash = `#/cases/${response.id}`;
    await vi.waitFor(() => expect(document.querySelector('.answers')).not.toBeNull());
    const html = main().textContent!;
    // text answer, choice "other", contact name, page URL, referrer, user id, trait key and value, metadata keys and values
    expect(html.split(HOSTILE).length - 1).toBeGreaterThanOrEqual(10);
    expect(document.querySelectorAll('main img, .toasts img')).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });

  it('assigns to me at once (If-Match with the version read) and keeps it', async () => {
    const id = await openCase();
    await userEvent.click(page.getByRole('button', { name: 'Assign to me' }));
    expect(main().textContent).toContain('Owned by ana@example.com');
    const patch = app.api.calls.find((c) => c.method === 'PATCH')!;
    expect(patch).toMatchObject({ path: `/api/cases/${id}`, body: { assignee: 'ana@example.com' }, headers: { 'if-match': '1' } });
    await vi.waitFor(() => expect(document.querySelector('.timeline')!.textContent).toContain('Assigned to ana@example.com'));
    expect(app.api.records.get(id)!.case.version).toBe(2);
  });

  it('on 409 shows the case as it is now and says the change was not saved', async () => {
    const id = await openCase();
    app.api.changeBehind(id, { tags: ['vip'], assignee: 'ben@example.com' });
    await userEvent.click(page.getByRole('button', { name: 'Assign to me' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Someone else changed this case at the same time, so your change was not saved.');
    expect(main().textContent).toContain('Owned by ben@example.com');
    expect(document.querySelector('.tags')!.textContent).toContain('vip');
    expect(app.api.records.get(id)!.case.assignee).toBe('ben@example.com');
  });

  it('resolving asks for a due date, resolved for a remedy', async () => {
    const id = await openCase();
    await userEvent.selectOptions(page.getByLabelText('Status', { exact: true }), 'resolving');
    await userEvent.fill(page.getByLabelText('Solution due by'), '2026-12-24');
    await userEvent.click(page.getByRole('button', { name: 'Save status' }));
    await vi.waitFor(() => expect(app.api.records.get(id)!.case.status).toBe('resolving'));
    const resolving = app.api.calls.filter((c) => c.method === 'PATCH').at(-1)!.body as { dueAt: string };
    expect(resolving.dueAt.slice(0, 10)).toBe('2026-12-24');
    await vi.waitFor(() => expect(main().textContent).toContain('Solution due Dec 24, 2026'));
    await userEvent.selectOptions(page.getByLabelText('Status', { exact: true }), 'resolved');
    await userEvent.selectOptions(page.getByLabelText('What was done'), 'refund');
    await userEvent.fill(page.getByLabelText('Details (optional)'), 'Full refund of A-1001');
    await userEvent.click(page.getByRole('button', { name: 'Save status' }));
    await vi.waitFor(() => expect(app.api.records.get(id)!.case.status).toBe('resolved'));
    expect(app.api.calls.filter((c) => c.method === 'PATCH').at(-1)!.body).toEqual({ status: 'resolved', remedy: 'refund', remedyNote: 'Full refund of A-1001' });
    await vi.waitFor(() => expect(document.querySelector('.badges')!.textContent).toContain('Refund'));
  });

  it('tags and notes', async () => {
    const id = await openCase();
    await userEvent.fill(page.getByLabelText('New tag'), '배송');
    await userEvent.click(page.getByRole('button', { name: 'Add tag' }));
    await vi.waitFor(() => expect(app.api.records.get(id)!.case.tags).toEqual(['배송']));
    await userEvent.click(page.getByRole('button', { name: 'Remove tag 배송' }));
    await vi.waitFor(() => expect(app.api.records.get(id)!.case.tags).toEqual([]));
    await userEvent.fill(page.getByLabelText('Internal note (the customer never sees it)'), 'Called the courier.');
    await userEvent.click(page.getByRole('button', { name: 'Add note' }));
    await vi.waitFor(() => expect(document.querySelector('.timeline')!.textContent).toContain('Called the courier.'));
    expect((document.getElementById('case-note') as HTMLTextAreaElement).value).toBe('');
  });

  it('replies from the Korean template, filled from the case and edited before sending', async () => {
    const id = await openCase();
    await vi.waitFor(() => expect(document.querySelectorAll('#reply-template option').length).toBe(2));
    await userEvent.selectOptions(page.getByLabelText('Template in the customer’s language'), 'apology');
    const subject = document.getElementById('reply-subject') as HTMLInputElement;
    expect(subject.value).toBe('김민지님, 주문 A-1001 건 죄송합니다');
    expect(subject.lang).toBe('ko');
    const body = document.getElementById('reply-body') as HTMLTextAreaElement;
    expect(body.value).toBe('김민지님, 불편을 드려 죄송합니다. 최대한 빨리 해결하겠습니다. — ana@example.com');
    await userEvent.fill(page.getByLabelText('Message'), `${body.value}\n내일 전화드리겠습니다.`);
    await userEvent.click(page.getByRole('button', { name: 'Send reply' }));
    await vi.waitFor(() => expect(app.api.mail).toHaveLength(1));
    expect(app.api.mail[0]).toMatchObject({ to: 'minji@example.com', subject: '김민지님, 주문 A-1001 건 죄송합니다' });
    expect(app.api.mail[0]!.body).toContain('내일 전화드리겠습니다.');
    expect(app.api.calls.find((c) => c.path === `/api/cases/${id}/replies`)!.body).toMatchObject({ locale: 'ko' });
    await expect.element(page.getByText('Reply sent to minji@example.com.')).toBeVisible();
    await vi.waitFor(() => expect(document.querySelector('.timeline')!.textContent).toContain('Reply sent to minji@example.com'));
  });

  it('without SMTP offers copy and mailto:, then records the reply as sent by hand', async () => {
    const id = await openCase(koreanComplaint(), { smtp: false });
    await userEvent.fill(page.getByLabelText('Subject'), '주문 A-1001');
    await userEvent.fill(page.getByLabelText('Message'), '죄송합니다 & 곧 연락드리겠습니다?');
    await userEvent.click(page.getByRole('button', { name: 'Send reply' }));
    await expect.element(page.getByText('This receiver has no mail server set up.', { exact: false })).toBeVisible();
    const mailto = page.getByRole('link', { name: 'Open in your mail app' }).element().getAttribute('href')!;
    expect(mailto).toBe(`mailto:minji%40example.com?subject=${encodeURIComponent('주문 A-1001')}&body=${encodeURIComponent('죄송합니다 & 곧 연락드리겠습니다?')}`);
    await userEvent.click(page.getByRole('button', { name: 'Mark as replied' }));
    await vi.waitFor(() => expect(document.querySelector('.timeline')!.textContent).toContain('Reply sent by hand to minji@example.com'));
    expect(app.api.calls.filter((c) => c.path === `/api/cases/${id}/replies`).at(-1)!.body).toMatchObject({ sent: 'manually' });
    expect(app.api.mail).toHaveLength(0);
  });

  it('says why no reply can be sent without consented contact', async () => {
    await openCase(npsResponse(2));
    expect(main().textContent).toContain('The customer left no contact details they agreed to be contacted on');
    expect(document.getElementById('reply-body')).toBeNull();
  });

  it('makes a follow-up link to copy and shows it was sent', async () => {
    const id = await openCase();
    await userEvent.click(page.getByRole('button', { name: 'Make a follow-up link' }));
    await vi.waitFor(() => expect((document.getElementById('follow-up-url') as HTMLInputElement | null)?.value).toBe('https://shop.example/follow-up#t=abc'));
    expect(app.api.calls.find((c) => c.path === `/api/cases/${id}/follow-up`)!.body).toEqual({ send: false });
    await vi.waitFor(() => expect(main().textContent).toMatch(/no answer yet/));
  });

  it('says plainly when the case does not exist', async () => {
    app = mountApp({ hash: '#/cases/00000000-0000-4000-8000-999999999999' });
    await vi.waitFor(() => expect(heading()).toBe('This case does not exist, or it was erased.'));
  });
});
