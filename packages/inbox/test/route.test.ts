/** The URL fragment is the app's address: filters round-trip, junk falls back to the queue. */
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, takeToken } from '../src/app/routing/route.js';

const id = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

describe('routes', () => {
  it('reads the queue with its filters, a case, and the dashboard', () => {
    expect(parseRoute('#/cases?status=new&q=%EB%B0%B0%EC%86%A1&sort=urgent')).toEqual({ name: 'queue', filters: { status: 'new', q: '배송', sort: 'urgent' } });
    expect(parseRoute(`#/cases/${id}`)).toEqual({ name: 'case', id });
    expect(parseRoute('#/dashboard')).toEqual({ name: 'dashboard' });
    expect(parseRoute('')).toEqual({ name: 'queue', filters: {} });
  });
  it('writes filters in one order, so equal filters make equal URLs', () => {
    const a = routeHash({ name: 'queue', filters: { sort: 'urgent', status: 'new', q: '배송 지연' } });
    const b = routeHash({ name: 'queue', filters: { q: '배송 지연', status: 'new', sort: 'urgent' } });
    expect(a).toBe(b);
    expect(parseRoute(a)).toEqual({ name: 'queue', filters: { q: '배송 지연', status: 'new', sort: 'urgent' } });
    expect(routeHash({ name: 'queue', filters: {} })).toBe('#/cases');
  });
  it('ignores unknown filters, empty values and case ids that are not ids', () => {
    expect(parseRoute('#/cases?status=&evil=1&tag=vip')).toEqual({ name: 'queue', filters: { tag: 'vip' } });
    expect(parseRoute('#/cases/..%2F..%2Fapi%2Fusers')).toEqual({ name: 'queue', filters: {} });
    expect(parseRoute('#/cases/<img src=x>')).toEqual({ name: 'queue', filters: {} });
  });
  it('finds one-time tokens and nothing else', () => {
    expect(takeToken('#setup=abc_DEF-123')).toEqual({ kind: 'setup', token: 'abc_DEF-123' });
    expect(takeToken('#login=tok')).toEqual({ kind: 'login', token: 'tok' });
    expect(takeToken('#/cases')).toBeNull();
    expect(takeToken('#login=')).toBeNull();
    expect(takeToken('#login=a&b=c')).toBeNull();
    expect(takeToken(`#login=${'a'.repeat(600)}`)).toBeNull();
  });
});
