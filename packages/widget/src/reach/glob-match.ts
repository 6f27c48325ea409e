/**
 * Glob matching for `glob` URL rules: `*` matches any run of characters except `/`, `**` matches
 * any run including `/`; every other character is literal (`?` and `.` included, since they are
 * URL punctuation). The whole subject must match. Matching is dynamic programming over
 * pattern × subject, never a backtracking regular expression, so no pattern can take exponential
 * time.
 */

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
  const size = subject.length + 1;
  // reachable[k] = subject position k can be reached after the tokens processed so far.
  let reachable = new Uint8Array(size);
  reachable[0] = 1;
  // Splitting on the runs of stars keeps them: literal text and star runs alternate.
  for (const token of pattern.split(/(\*+)/)) {
    const next = new Uint8Array(size);
    // For a star run: whether a reachable position lies behind k with no `/` between (`*` stops at `/`; `**` does not).
    let open = false;
    for (let k = 0; k < size; k++) {
      if (token[0] === '*') {
        open ||= reachable[k] === 1;
        if (open) next[k] = 1;
        if (token.length < 2 && subject[k] === '/') open = false;
      } else if (reachable[k] && subject.startsWith(token, k)) {
        next[k + token.length] = 1;
      }
    }
    reachable = next;
  }
  return reachable[size - 1] === 1;
}
