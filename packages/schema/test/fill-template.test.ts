/** The reply-template fill rule shared by the receiver and the inbox. */
import { describe, expect, it } from 'vitest';
import { fillTemplate, templateValues } from '../src/lean.js';

describe('fillTemplate', () => {
  it('keeps an optional part only when its values are known, else its alternative', () => {
    const text = 'Hello[[ {name}]], sorry about [[order {orderId}|your order]].';
    expect(fillTemplate(text, { name: 'Mari', orderId: 'A-1' })).toBe('Hello Mari, sorry about order A-1.');
    expect(fillTemplate(text, {})).toBe('Hello, sorry about your order.');
  });
  it('never reads a value as markup', () => {
    expect(fillTemplate('Hi {name}[[ ({orderId})]]', { name: '{orderId} [[x|y]]' })).toBe('Hi {orderId} [[x|y]]');
  });
  it('drops blank values and writes an ISO due date in the customer\'s language', () => {
    expect(templateValues({ name: '  ', agent: ' Ana ', dueDate: '2026-12-05' }, 'ko-KR', 'ko')).toEqual({ agent: 'Ana', dueDate: '2026년 12월 5일' });
    expect(templateValues({ dueDate: '2026-12-05' }, 'lv', 'lv')).toEqual({ dueDate: '05.12.2026' });
    expect(templateValues({ dueDate: 'next Tuesday' }, 'en', 'en')).toEqual({ dueDate: 'next Tuesday' });
  });
});
