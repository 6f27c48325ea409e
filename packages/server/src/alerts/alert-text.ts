/**
 * An alert as text a person reads: the headline and the lines under it, written once for the
 * Slack message and the owner's email. Customer text is Slack-escaped in Slack (a comment saying
 * `<!channel>` must not ping a whole workspace); the email is plain text and needs nothing.
 */
import type { AlertPayload } from './alert.js';

/**
 * How long someone has waited, in words: `45 min`, `26 h`, `3 d 4 h`.
 *
 * @example
 * ```ts
 * waitedWords(26 * 3_600_000); // '26 h'
 * ```
 */
export function waitedWords(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** The order id a site attached as `metadata.orderId` (the key replies fill `{orderId}` from). */
function orderId(p: AlertPayload): string | undefined {
  const value = p.metadata?.orderId;
  return value === undefined || value === '' ? undefined : String(value);
}

function pairs(record: Readonly<Record<string, string | number | boolean>>): string {
  return Object.entries(record)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}

/**
 * One line that says what happened: also the email's subject.
 *
 * @example
 * ```ts
 * alertHeadline(payload); // 'Unhappy customer on survey "checkout" (order A-1001)'
 * ```
 */
export function alertHeadline(p: AlertPayload): string {
  const order = orderId(p);
  const about = `survey "${p.surveyId}"${order === undefined ? '' : ` (order ${order})`}`;
  if (p.kind === 'overdue') return `Overdue: an unhappy customer has waited ${waitedWords(p.overdue?.waitedMs ?? 0)} for an answer on ${about}`;
  return `${p.sentiment === 'negative' ? 'Unhappy customer' : 'New response'} on ${about}`;
}

const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The alert as lines of text, for Slack (`'slack'`: escaped, customer text quoted) or a plain
 * email (`'plain'`).
 *
 * @example
 * ```ts
 * const text = alertLines(payload, 'plain').join('\n');
 * ```
 */
export function alertLines(p: AlertPayload, style: 'slack' | 'plain'): string[] {
  const slack = style === 'slack';
  const t = slack ? slackEscape : (text: string) => text;
  const lines = [slack ? `*${t(alertHeadline(p))}*` : alertHeadline(p)];
  if (!slack) lines.push('');
  if (p.overdue) lines.push(`First response was due: ${p.overdue.dueAt}`);
  for (const r of p.ratings) lines.push(`Rating: ${r.value} on ${r.scale} (${r.min}–${r.max})`);
  for (const c of p.comments) lines.push(slack ? `> ${t(c.text).replace(/\n/g, '\n> ')}` : `Comment:\n  ${c.text.replace(/\n/g, '\n  ')}`);
  for (const r of p.reasons) lines.push(`Reasons: ${t([...r.values, ...(r.other ? [r.other] : [])].join(', '))}`);
  if (p.contact) lines.push(`Contact (consented): ${t([p.contact.name, p.contact.email, p.contact.phone].filter(Boolean).join(', '))}`);
  const order = orderId(p);
  if (order !== undefined) lines.push(`Order: ${t(order)}`);
  if (p.user) lines.push(`User: ${t([p.user.id, p.user.traits ? `(${pairs(p.user.traits)})` : undefined].filter(Boolean).join(' '))}`);
  if (p.metadata && Object.keys(p.metadata).length > 0) lines.push(`Metadata: ${t(pairs(p.metadata))}`);
  if (p.page) lines.push(`Page: ${t(p.page)}`);
  lines.push(`Locale: ${p.locale}`, `At: ${p.createdAt}`);
  if (p.caseUrl) lines.push(slack ? `<${p.caseUrl}|Open the case>` : `\nOpen the case: ${p.caseUrl}`);
  return lines;
}
