/**
 * Where the client keeps its delivery queue in `localStorage`: one key per response,
 * `earful:<endpoint>:<response id>`, so each endpoint has its own queue and every tab of the
 * origin sees it. The widget's script-tag loader looks for such keys (a response an earlier page
 * could not send) to fetch the widget early; its byte-sized copy of this rule is held to this
 * function by the widget's test/loader.test.ts.
 */

/**
 * The key prefix of the queue of `endpoint` (an absolute http(s) URL).
 *
 * @example
 * ```ts
 * queueKeyPrefix('https://example.com/feedback'); // 'earful:https://example.com/feedback:'
 * ```
 */
export function queueKeyPrefix(endpoint: string): string {
  return `earful:${endpoint}:`;
}
