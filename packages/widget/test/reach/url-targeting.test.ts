import { describe, expect, it } from 'vitest';
import { compileUrlTargeting } from '../../src/reach/url-targeting.js';

const url = (path: string) => new URL(path, 'https://shop.example');

describe('compileUrlTargeting', () => {
  it('targets every page when there are no rules', () => {
    expect(compileUrlTargeting(undefined).decide(url('/x'))).toEqual({ targeted: true, reason: 'no-include-rules' });
    expect(compileUrlTargeting({ include: [] }).decide(url('/x')).targeted).toBe(true);
  });

  it('needs one include to match', () => {
    const t = compileUrlTargeting({ include: [{ match: 'prefix', value: '/shop' }, { match: 'exact', value: '/cart' }] });
    expect(t.decide(url('/shop/boots'))).toEqual({ targeted: true, reason: 'included' });
    expect(t.decide(url('/cart'))).toEqual({ targeted: true, reason: 'included' });
    expect(t.decide(url('/about'))).toEqual({ targeted: false, reason: 'not-included' });
  });

  it('lets an exclude win over an include', () => {
    const exclude = { match: 'prefix' as const, value: '/shop/admin' };
    const t = compileUrlTargeting({ include: [{ match: 'prefix', value: '/shop' }], exclude: [exclude] });
    expect(t.decide(url('/shop/admin/users'))).toEqual({ targeted: false, reason: 'excluded', rule: exclude });
    expect(t.decide(url('/shop/boots')).targeted).toBe(true);
  });

  it('excludes without includes', () => {
    const t = compileUrlTargeting({ exclude: [{ match: 'glob', value: '/account/**' }] });
    expect(t.decide(url('/account/orders/1')).targeted).toBe(false);
    expect(t.decide(url('/')).targeted).toBe(true);
  });

  it('fails closed on an unusable rule, in include or exclude, and keeps the error', () => {
    const inExclude = compileUrlTargeting({ exclude: [{ match: 'regex', value: '(x+)+' }] });
    expect(inExclude.errors).toHaveLength(1);
    expect(inExclude.decide(url('/anything'))).toEqual({ targeted: false, reason: 'invalid-rule' });
    const inInclude = compileUrlTargeting({ include: [{ match: 'regex', value: '(?=a)' }, { match: 'prefix', value: '/' }] });
    expect(inInclude.decide(url('/')).targeted).toBe(false);
  });
});
