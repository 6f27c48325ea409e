/**
 * The link to one case in the inbox, as alerts and mails give it. The inbox keeps its places in
 * the URL fragment (`#/cases/<id>`), so the link opens one static page and the id never reaches
 * an access log.
 */
import { inboxUrl } from '../api/auth/links.js';

/**
 * The inbox link of case `id` under the receiver's public URL (`publicUrl` as `checkPublicUrl`
 * returns it; a trailing slash is tolerated).
 *
 * @example
 * ```ts
 * caseUrl('https://feedback.shop.example', id); // 'https://feedback.shop.example/inbox/#/cases/<id>'
 * ```
 */
export function caseUrl(publicUrl: string, id: string): string {
  return `${inboxUrl(publicUrl)}#/cases/${encodeURIComponent(id)}`;
}
