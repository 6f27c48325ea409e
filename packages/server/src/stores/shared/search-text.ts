/**
 * The one rule of full-text search over cases, for every store: which text a case is found by,
 * and how a query is cut into terms. A case matches when every term is a substring of its
 * search text. Substrings, not words, because words are not separated by spaces in every script
 * and Korean glues particles to nouns: `배송` must find `배송이 3주나 늦었고`.
 */
import type { StoredResponse } from '../../store.js';

/**
 * At most this many terms in one query; more is a `StoreError` (each term is a condition). The
 * API's `q` of at most 200 characters holds at most 100 distinct terms, so it never gets here.
 */
export const MAX_SEARCH_TERMS = 100;

/**
 * How both sides are folded: NFC first (so `ā` typed as `a` + U+0304 equals `ā`), then a lower
 * case that ignores the locale. `toLowerCase()` is that mapping (the same as
 * `toLocaleLowerCase('und')` for every code point) at a fifth of the cost, and every put folds.
 */
function fold(text: string): string {
  return text.normalize('NFC').toLowerCase().normalize('NFC');
}

/**
 * The text a case is searched by, folded: text answers, "other" texts of choice answers, contact
 * names, metadata values, the user id and the case's notes — one per line, so that a term (which
 * never holds whitespace) cannot match across two fields. Emails, phone numbers and traits are
 * left out: a search for an address is a metadata or erase question, not a text one.
 *
 * SQL stores keep this in a column (rewritten when a note is added and cleared on erasure) and
 * match terms against it; the memory store computes it on the fly.
 *
 * @example
 * ```ts
 * searchTextOf(record, ['Called back, refund agreed']); // 'the parcel came late\nkim\na-1001\ncalled back, refund agreed'
 * ```
 */
export function searchTextOf(record: Pick<StoredResponse, 'response'>, notes: readonly string[]): string {
  const { response } = record;
  const parts: string[] = [];
  for (const answer of response.answers) {
    if (answer.type === 'text') parts.push(answer.value);
    else if (answer.type === 'choice' && answer.other !== undefined) parts.push(answer.other);
    else if (answer.type === 'contact' && answer.name !== undefined) parts.push(answer.name);
  }
  for (const value of Object.values(response.metadata ?? {})) parts.push(String(value));
  if (response.user?.id !== undefined) parts.push(response.user.id);
  parts.push(...notes);
  return fold(parts.join('\n'));
}

/**
 * The terms of a query, folded like {@link searchTextOf}: split on whitespace, empty ones
 * dropped, repeats removed. `[]` means "no text filter".
 *
 * @example
 * ```ts
 * searchTerms('  Late  배송 late '); // ['late', '배송']
 * ```
 */
export function searchTerms(q: string | undefined): string[] {
  if (q === undefined) return [];
  return [...new Set(fold(q).split(/\s+/u).filter((term) => term.length > 0))];
}

/** Whether a folded search text holds every term (the memory store's text match). */
export function textMatches(searchText: string, terms: readonly string[]): boolean {
  return terms.every((term) => searchText.includes(term));
}
