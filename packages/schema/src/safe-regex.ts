/**
 * The safe subset of regular expressions a survey's `regex` URL rule may use. A targeting rule
 * runs on every visitor's page, against a URL anyone can craft, so a pattern that can backtrack
 * exponentially would let a link hang the host page. Rather than guess at run time, the pattern is
 * checked once, by a small scanner, before it is compiled.
 *
 * The subset (anything else is refused with a message that says what to change):
 * - at most {@link MAX_REGEX_LENGTH} characters; compiled without flags (case-sensitive);
 * - literals, `.`, escapes such as `\d` `\w` `\s` `\.` `\/`, character classes `[...]`, anchors `^` `$`;
 * - groups `( … )` and `(?: … )`; alternation `|`;
 * - quantifiers `?` `*` `+` `{n}` `{n,}` `{n,m}` (lazy `?` suffix allowed), counts at most 100;
 * - NOT allowed: backreferences (`\1`, `\k<name>`), lookarounds (`(?=` `(?!` `(?<=` `(?<!`),
 *   named groups, a group that contains a quantifier or `|` repeated by `*`, `+` or `{n,m}`
 *   (nested quantifiers such as `(a+)+` or `(a|ab)*`; `(a|b)?` is fine), and more than
 *   {@link MAX_REGEX_REPEATS} variable repeats (`*`, `+`, `{n,}`, `{n,m}`) in one pattern.
 * The subject a rule is tested against is capped at {@link MAX_REGEX_SUBJECT} characters, so the
 * worst case is quadratic in a bounded length.
 */

/** Longest accepted `regex` rule, in characters. */
export const MAX_REGEX_LENGTH = 200;
/** Most variable repeats (`*`, `+`, `{n,}`, `{n,m}` with m > n) one pattern may have. */
export const MAX_REGEX_REPEATS = 2;
/** Largest `{n,m}` count accepted. */
export const MAX_REGEX_COUNT = 100;
/** Only this many leading characters of a URL are tested against a `regex` rule. */
export const MAX_REGEX_SUBJECT = 2_048;

interface Frame {
  quantified: boolean;
  alternation: boolean;
}

type Atom = 'none' | 'simple' | 'complex-group';

const COUNT = /^\{(\d+)(,(\d*))?\}/;

/**
 * Why `pattern` is outside the safe subset, or `null` when it may be compiled. The message says
 * what to change.
 *
 * @example
 * ```ts
 * checkSafeRegex('^/blog/.*');   // null
 * checkSafeRegex('(a+)+$');      // 'repeats a group that has a quantifier … at 4 …'
 * ```
 */
export function checkSafeRegex(pattern: string): string | null {
  if (pattern.length > MAX_REGEX_LENGTH) {
    return `is longer than ${MAX_REGEX_LENGTH} characters`;
  }
  const stack: Frame[] = [{ quantified: false, alternation: false }];
  let atom: Atom = 'none';
  let repeats = 0;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    const frame = stack[stack.length - 1]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) return 'ends with a lone "\\"';
      if ((next >= '1' && next <= '9') || next === 'k') return `uses a backreference at ${i}`;
      atom = 'simple';
      i += 2;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      if (j >= pattern.length) return `has an unclosed "[" at ${i}`;
      atom = 'simple';
      i = j + 1;
      continue;
    }
    if (c === '(') {
      if (pattern[i + 1] === '?') {
        if (pattern[i + 2] !== ':') {
          return `uses a lookaround or named group at ${i} (only "( )" and "(?: )" groups are allowed)`;
        }
        i += 3;
      } else {
        i += 1;
      }
      stack.push({ quantified: false, alternation: false });
      atom = 'none';
      continue;
    }
    if (c === ')') {
      if (stack.length === 1) return `has an unmatched ")" at ${i}`;
      stack.pop();
      const parent = stack[stack.length - 1]!;
      if (frame.quantified) parent.quantified = true;
      atom = frame.quantified || frame.alternation ? 'complex-group' : 'simple';
      i += 1;
      continue;
    }
    if (c === '|') {
      frame.alternation = true;
      atom = 'none';
      i += 1;
      continue;
    }
    let min = -1;
    let max = -1;
    let length = 1;
    if (c === '?') [min, max] = [0, 1];
    else if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '{') {
      const m = COUNT.exec(pattern.slice(i));
      if (m) {
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        length = m[0].length;
        if (min > MAX_REGEX_COUNT || (max !== Infinity && max > MAX_REGEX_COUNT)) {
          return `has a count above ${MAX_REGEX_COUNT} at ${i}`;
        }
      }
    }
    if (min === -1) {
      // A literal character (including "{" that does not start a count), ".", "^" or "$".
      atom = c === '^' || c === '$' ? 'none' : 'simple';
      i += 1;
      continue;
    }
    if (atom === 'none') return `has nothing to repeat at ${i}`;
    const repeating = max > 1;
    if (repeating && atom === 'complex-group') {
      return `repeats a group that has a quantifier or "|" at ${i} (nested quantifier, as in "(a+)+")`;
    }
    if (max > min && max > 1) {
      repeats += 1;
      if (repeats > MAX_REGEX_REPEATS) {
        return `has more than ${MAX_REGEX_REPEATS} "*", "+" or "{n,m}" repeats`;
      }
    }
    frame.quantified = true;
    i += length;
    if (pattern[i] === '?') i += 1; // lazy
    atom = 'none';
  }
  if (stack.length > 1) return 'has an unclosed "("';
  return null;
}
