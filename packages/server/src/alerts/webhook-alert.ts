/**
 * The built-in webhook sink: POSTs the alert as JSON (or as a Slack message), signed with
 * HMAC-SHA256 over `${timestamp}.${body}` in the `Earful-Signature` header. A non-2xx answer or
 * a network error makes the handler retry with backoff; so does an attempt that outlasts
 * `timeoutMs`, whose timer is held until it fires.
 */
import { ConfigError } from '../errors.js';
import { AlertError } from './alert-error.js';
import { alertLines } from './alert-text.js';
import { signPayload } from '../signature.js';
import type { Alert, AlertPayload } from './alert.js';

/**
 * Options of {@link webhookAlert}.
 *
 * @example
 * ```ts
 * const options: WebhookAlertOptions = { url: 'https://hooks.slack.com/services/T0/B0/X', format: 'slack' };
 * ```
 */
export interface WebhookAlertOptions {
  /** Absolute http(s) URL to POST to. */
  readonly url: string;
  /** Signs each body (`Earful-Signature: t=…,v1=…`); omit only for receivers that cannot verify (e.g. Slack). */
  readonly secret?: string;
  /** `'json'` sends the {@link AlertPayload}; `'slack'` sends `{ text }` for an incoming webhook. Default `'json'`. */
  readonly format?: 'json' | 'slack';
  /** Which responses trigger it. Default `'negative'`. */
  readonly when?: 'negative' | 'all';
  /** Per-attempt time-out in ms (connect, answer and body); then the attempt counts as failed and is retried. Default `10000`. */
  readonly timeoutMs?: number;
  /** Sink name in the outbox; keep it stable across restarts. Default `webhook:<url>`. */
  readonly name?: string;
  /** Injected `fetch` (tests, proxies). Default `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
}

/**
 * An {@link Alert} that POSTs to a webhook. Each attempt carries `Earful-Signature`,
 * `Earful-Alert-Id` (the payload's `alertId`: dedupe on it, delivery is at least once) and
 * `Earful-Attempt`. Slack messages escape `&`, `<` and `>` in what customers wrote, so a comment
 * cannot mention `@channel` or disguise a link.
 *
 * @example
 * ```ts
 * import { createHandler, memoryStore, webhookAlert } from '@earful/server';
 * const handler = createHandler({
 *   store: memoryStore(),
 *   alerts: [webhookAlert({ url: 'https://ops.example/hooks/earful', secret: 'whsec_123' })],
 * });
 * ```
 */
export function webhookAlert(options: WebhookAlertOptions): Alert {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch (error) {
    throw new ConfigError(`webhookAlert: url must be an absolute http(s) URL, got ${JSON.stringify(options.url)}`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`webhookAlert: url must be an absolute http(s) URL, got ${JSON.stringify(options.url)}`);
  }
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'slack') throw new ConfigError(`webhookAlert: format must be "json" or "slack", got ${JSON.stringify(format)}`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new ConfigError(`webhookAlert: timeoutMs must be a positive number of ms, got ${String(options.timeoutMs)}`);
  return {
    name: options.name ?? `webhook:${url.href}`,
    when: options.when ?? 'negative',
    async deliver(payload, { signal, attempt }) {
      const body = JSON.stringify(format === 'slack' ? { text: alertLines(payload, 'slack').join('\n') } : payload);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'earful-alert-id': payload.alertId,
        'earful-attempt': String(attempt),
      };
      if (options.secret) headers['earful-signature'] = signPayload(options.secret, body);
      const doFetch = options.fetch ?? globalThis.fetch;
      // Our own controller and timer, not AbortSignal.timeout() inside AbortSignal.any(): on
      // Node 20 nothing holds that pair, the collector may take it and the time-out never fires —
      // which once left one hanging hook holding every later alert. A timer is held until it runs.
      const controller = new AbortController();
      const timer = setTimeout(
        () => controller.abort(new AlertError(`webhook ${url.href} did not answer within ${timeoutMs} ms; the alert will be retried`, { reason: 'timeout' })),
        timeoutMs,
      );
      const stop = () => controller.abort(signal.reason);
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
      try {
        let response: Response;
        try {
          response = await doFetch(url, { method: 'POST', headers, body, signal: controller.signal });
        } catch (error) {
          if (controller.signal.aborted) throw controller.signal.reason;
          throw new AlertError(`webhook ${url.href} could not be reached: ${error instanceof Error ? error.message : String(error)}`, { reason: 'network', cause: error });
        }
        // Drain the body (under the same time-out) so the connection can be reused; the status
        // alone decides whether the alert was delivered.
        await response.arrayBuffer().catch(() => undefined);
        if (!response.ok) throw new AlertError(`webhook ${url.href} answered ${response.status}`, { reason: 'status', status: response.status });
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', stop);
      }
    },
  };
}
