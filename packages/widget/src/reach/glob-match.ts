/**
 * Glob matching for `glob` URL rules: `*` matches any run of characters except `/`, `**` matches
 * any run including `/`; every other character is literal (`?` and `.` included, since they are
 * URL punctuation). The whole subject must match. Matching is dynamic programming over
 * pattern × subject, never a regular expression, so no pattern can backtrack exponentially.
 */

type Token = { kind: 'star' } | { kind: 'globstar' } | { kind: 'text'; text: string };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    if (pattern[i] === '*') {
      let j = i;
      while (pattern[j] === '*') j++;
      tokens.push({ kind: j - i >= 2 ? 'globstar' : 'star' });
      i = j;
    } else {
      let j = i;
      while (j < pattern.length && pattern[j] !== '*') j++;
      tokens.push({ kind: 'text', text: pattern.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

/**
 * True when `subject` matches the glob `pattern` in full.
 *
 * @example
 * ```ts
 * globMatch('/blog/*', '/blog/hello');        // true
 * globMatch('/blog/*', '/blog/2026/hello');   // false
 * globMatch('/blog/**', '/blog/2026/hello');  // true
 * ```
 */
export function globMatch(pattern: string, subject: string): boolean {
  const tokens = tokenize(pattern);
  // reachable[k] = subject position k can be reached after the tokens processed so far.
  let reachable = new Uint8Array(subject.length + 1);
  reachable[0] = 1;
  for (const token of tokens) {
    const next = new Uint8Array(subject.length + 1);
    if (token.kind === 'text') {
      for (let k = 0; k + token.text.length <= subject.length; k++) {
        if (reachable[k] && subject.startsWith(token.text, k)) next[k + token.text.length] = 1;
      }
    } else {
      let open = false;
      for (let k = 0; k <= subject.length; k++) {
        if (reachable[k]) open = true;
        if (open) next[k] = 1;
        if (token.kind === 'star' && subject[k] === '/') open = false;
      }
    }
    reachable = next;
  }
  return reachable[subject.length] === 1;
}
