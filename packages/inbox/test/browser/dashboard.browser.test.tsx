/** The dashboard: figures with Intl words, reasons by label, the SVG chart and its table. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource, koreanComplaint } from '../support/fake-api.js';
import { mountApp, type Mounted } from '../support/mount-app.js';

let app: Mounted;
afterEach(() => app?.unmount());

const figure = (label: string) => [...document.querySelectorAll('.figure')].find((f) => f.querySelector('dt')?.textContent === label)?.querySelector('dd')?.textContent;

describe('dashboard', () => {
  it('shows the figures, reasons with labels and a chart without a chart library', async () => {
    app = mountApp({ responses: [koreanComplaint()], hash: '#/dashboard' });
    await vi.waitFor(() => expect(document.querySelector('.figures')).not.toBeNull());
    expect(document.querySelector('h1')!.textContent).toBe('Dashboard');
    expect(figure('Recovery rate')).toBe('100%1 of 1 answered follow-up was positive');
    expect(figure('Time to first response')).toBe('2 hoursmedian; 90% within 20 hours');
    expect(figure('Time to resolution')).toBe('2 daysmedian; 90% within 6 days');
    expect(figure('CSAT')).toBe('70%');
    expect(figure('NPS')).toBe('30');
    expect(figure('Overdue now')).toBe('0');
    const reasons = document.getElementById('reasons-heading')!.parentElement!;
    expect([...reasons.querySelectorAll('.bar-label')].map((l) => l.textContent)).toEqual(['Late delivery', 'Damaged item']);
    const svg = document.querySelector('.chart svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Responses and negative share over 14 days; the table below has the figures');
    expect(svg.querySelectorAll('rect.chart-bar')).toHaveLength(14);
    expect(svg.querySelector('polyline')).not.toBeNull();
    expect(document.querySelectorAll('.chart tbody tr').length).toBe(14);
    expect(document.querySelectorAll('[style]')).toHaveLength(0);
  });

  it('speaks the UI language: Korean labels and units', async () => {
    app = mountApp({ responses: [koreanComplaint()], hash: '#/dashboard', locale: 'ko' });
    await vi.waitFor(() => expect(document.querySelector('.figures')).not.toBeNull());
    const reasons = document.getElementById('reasons-heading')!.parentElement!;
    expect(reasons.querySelector('.bar-label')!.textContent).toBe('배송 지연');
    expect(figure('첫 답장까지 걸린 시간')).toBe('2시간중앙값, 90%는 20시간 이내');
  });

  it('refreshes its counts when a case arrives live', async () => {
    app = mountApp({ responses: [], hash: '#/dashboard' });
    await vi.waitFor(() => expect(figure('Responses')).toBe('0'));
    await vi.waitFor(() => expect(FakeEventSource.last?.readyState).toBe(1));
    const complaint = koreanComplaint();
    app.api.add(complaint);
    FakeEventSource.last.emit('response', { type: 'response', id: complaint.id, sentiment: 'negative', surveyId: 'complaint' });
    await vi.waitFor(() => expect(figure('Responses')).toBe('1'));
    expect(figure('Open cases')).toBe('1');
  });
});
