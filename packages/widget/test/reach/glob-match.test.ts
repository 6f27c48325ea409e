import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatch } from '../../src/reach/glob-match.js';

/** An independent oracle: the glob as an anchored regex (fine for the short strings generated here). */
function globAsRegex(pattern: string): RegExp {
  const source = pattern
    .split(/(\*+)/)
    .map((part) => (part.startsWith('*') ? (part.length > 1 ? '.*' : '[^/]*') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's');
}

describe('globMatch', () => {
  it.each([
    ['/blog/*', '/blog/hello', true],
    ['/blog/*', '/blog/', true],
    ['/blog/*', '/blog/2026/hello', false],
    ['/blog/**', '/blog/2026/hello', true],
    ['/blog/**', '/blog/', true],
    ['/blog/**', '/blog', false],
    ['**/checkout', '/en/shop/checkout', true],
    ['/*/checkout', '/en/checkout', true],
    ['/*/checkout', '/en/shop/checkout', false],
    ['/p/*.html', '/p/shoe.html', true],
    ['/p/*.html', '/p/shoe.htm', false],
    ['/search?q=*', '/search?q=boots', true],
    ['/a', '/a', true],
    ['/a', '/ab', false],
    ['*', '', true],
    ['', '', true],
    ['', '/', false],
    ['/a*b*c', '/aXXbYYc', true],
    ['/a*b*c', '/aXXbYY', false],
  ])('%s vs %s → %s', (pattern, subject, expected) => {
    expect(globMatch(pattern, subject)).toBe(expected);
  });

  it('stays linear-ish on a pattern that would backtrack exponentially as a regex', () => {
    const pattern = '/' + '*a'.repeat(40) + 'b';
    const subject = '/' + 'a'.repeat(2000);
    expect(globMatch(pattern, subject)).toBe(false);
  });

  it('agrees with a regex translation on random patterns and subjects', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '/', '*', '.', '?'), maxLength: 12 });
    fc.assert(
      fc.property(text, text, (pattern, raw) => {
        const subject = raw.replaceAll('*', 'a');
        expect(globMatch(pattern, subject)).toBe(globAsRegex(pattern).test(subject));
      }),
      { numRuns: 3000 },
    );
  });
});
