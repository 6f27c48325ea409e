import { describe, expect, it } from 'vitest';
import { MAX_REGEX_LENGTH, checkSafeRegex } from '../src/index.js';

describe('checkSafeRegex accepts the documented subset', () => {
  it.each([
    '^/blog/.*',
    '^/products/[0-9]+$',
    '^/(en|de)/checkout',
    '^/(?:en|de)?/pricing$',
    '(?:www\\.)?example\\.com',
    '^/a{2,5}b',
    '^/x{3}$',
    '^/search\\?q=.+?&page=\\d',
    '[(*+)]',
    'a{',
    '/orders/\\d{1,10}/',
  ])('%s', (pattern) => {
    expect(checkSafeRegex(pattern)).toBeNull();
  });
});

describe('checkSafeRegex refuses, saying why', () => {
  it.each([
    ['(a)\\1', /backreference/],
    ['(?<n>a)\\k<n>', /lookaround or named group|backreference/],
    ['^/(?=admin)', /lookaround/],
    ['^/(?!admin)', /lookaround/],
    ['(?<=x)y', /lookaround/],
    ['(?<!x)y', /lookaround/],
    ['(a+)+$', /nested quantifier/],
    ['(a*)*$', /nested quantifier/],
    ['(a|ab)*c', /nested quantifier/],
    ['((a+))+', /nested quantifier/],
    ['(?:x?)+', /nested quantifier/],
    ['(a|b){2,}', /nested quantifier/],
    ['a.*b.*c.*', /more than 2 "\*", "\+" or/],
    ['a{1,1000}', /count above 100/],
    ['*a', /nothing to repeat/],
    ['(a', /unclosed "\("/],
    ['a)', /unmatched "\)"/],
    ['[abc', /unclosed "\["/],
    ['abc\\', /lone/],
  ])('%s', (pattern, why) => {
    expect(checkSafeRegex(pattern)).toMatch(why);
  });

  it('caps the length at exactly MAX_REGEX_LENGTH', () => {
    expect(checkSafeRegex('a'.repeat(MAX_REGEX_LENGTH))).toBeNull();
    expect(checkSafeRegex('a'.repeat(MAX_REGEX_LENGTH + 1))).toMatch(/longer than 200/);
  });

  it('allows "?" on a group with alternation (it cannot repeat)', () => {
    expect(checkSafeRegex('^/(en|de|fr)?/cart')).toBeNull();
  });
});
