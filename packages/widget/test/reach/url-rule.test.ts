import { describe, expect, it } from 'vitest';
import { compileUrlRule } from '../../src/reach/url-rule.js';
import { isUrlRuleError } from '../../src/reach/reach-error.js';
import type { UrlRule } from '@earful/schema';

const at = (href: string) => new URL(href, 'https://shop.example');
const matches = (rule: UrlRule, href: string) => compileUrlRule(rule)(at(href));

describe('exact', () => {
  it('compares the path, ignoring the query unless the value has one', () => {
    expect(matches({ match: 'exact', value: '/checkout' }, '/checkout')).toBe(true);
    expect(matches({ match: 'exact', value: '/checkout' }, '/checkout?step=2')).toBe(true);
    expect(matches({ match: 'exact', value: '/checkout' }, '/checkout/')).toBe(false);
    expect(matches({ match: 'exact', value: '/checkout?step=2' }, '/checkout?step=2')).toBe(true);
    expect(matches({ match: 'exact', value: '/checkout?step=2' }, '/checkout?step=3')).toBe(false);
  });
  it('includes the hash only when the value has one', () => {
    expect(matches({ match: 'exact', value: '/app#/orders' }, '/app#/orders')).toBe(true);
    expect(matches({ match: 'exact', value: '/app#/orders' }, '/app#/cart')).toBe(false);
    expect(matches({ match: 'exact', value: '/app' }, '/app#/cart')).toBe(true);
  });
  it('includes the origin only when the value has one', () => {
    expect(matches({ match: 'exact', value: 'https://shop.example/a' }, 'https://shop.example/a')).toBe(true);
    expect(matches({ match: 'exact', value: 'https://shop.example/a' }, 'https://other.example/a')).toBe(false);
  });
  it('compares decoded paths', () => {
    expect(matches({ match: 'exact', value: '/café' }, '/caf%C3%A9')).toBe(true);
    expect(matches({ match: 'exact', value: '/caf%C3%A9' }, '/café')).toBe(true);
  });
});

describe('prefix', () => {
  it('is a plain string prefix of the subject', () => {
    expect(matches({ match: 'prefix', value: '/blog/' }, '/blog/post')).toBe(true);
    expect(matches({ match: 'prefix', value: '/blog/' }, '/blog')).toBe(false);
    expect(matches({ match: 'prefix', value: '/blog' }, '/blog-archive')).toBe(true);
    expect(matches({ match: 'prefix', value: '/search?q=' }, '/search?q=boots')).toBe(true);
  });
});

describe('glob', () => {
  it('matches the whole subject', () => {
    expect(matches({ match: 'glob', value: '/products/*' }, '/products/shoe?color=red')).toBe(true);
    expect(matches({ match: 'glob', value: '/products/*' }, '/products/shoe/reviews')).toBe(false);
    expect(matches({ match: 'glob', value: '/products/**' }, '/products/shoe/reviews')).toBe(true);
  });
});

describe('regex', () => {
  it('is unanchored and sees path + query', () => {
    expect(matches({ match: 'regex', value: '/orders/\\d+' }, '/en/orders/42')).toBe(true);
    expect(matches({ match: 'regex', value: '^/orders/\\d+$' }, '/en/orders/42')).toBe(false);
    expect(matches({ match: 'regex', value: 'utm_source=mail' }, '/?utm_source=mail')).toBe(true);
  });
  it('sees the origin when the pattern contains ://', () => {
    expect(matches({ match: 'regex', value: '^https://shop\\.example/' }, 'https://shop.example/x')).toBe(true);
  });
  it('refuses unsafe patterns with a UrlRuleError that names the rule', () => {
    try {
      compileUrlRule({ match: 'regex', value: '(a+)+$' });
      expect.unreachable();
    } catch (error) {
      expect(isUrlRuleError(error)).toBe(true);
      expect((error as Error).message).toContain('"(a+)+$"');
      expect((error as { code: string }).code).toBe('url_rule');
    }
  });
  it('refuses a pattern the engine rejects, keeping the cause', () => {
    try {
      compileUrlRule({ match: 'regex', value: 'a{2,1}' });
      expect.unreachable();
    } catch (error) {
      expect(isUrlRuleError(error)).toBe(true);
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    }
  });
  it('only tests the first 2,048 characters of a long URL', () => {
    const rule = compileUrlRule({ match: 'regex', value: 'tail$' });
    expect(rule(at('/' + 'x'.repeat(3000) + 'tail'))).toBe(false);
    expect(rule(at('/xtail'))).toBe(true);
  });
});

describe('isUrlRuleError', () => {
  it('matches by name and code across copies', () => {
    const foreign = Object.assign(new Error('x'), { name: 'UrlRuleError', code: 'url_rule' });
    expect(isUrlRuleError(foreign)).toBe(true);
    expect(isUrlRuleError(new Error('x'))).toBe(false);
    expect(isUrlRuleError('UrlRuleError')).toBe(false);
  });
});
