/**
 * What may go into a mail header from text a customer or a staff member typed. Display names and
 * subjects lose every control character (CR and LF above all: they would start a new header such
 * as `Bcc:`); addresses and message ids that carry one are refused, never repaired.
 */

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * A display name or subject made safe for one header line: control characters become one space,
 * runs of spaces collapse, and the ends are trimmed.
 *
 * @example
 * ```ts
 * headerText('Kim\r\nBcc: evil@x.example'); // 'Kim Bcc: evil@x.example' — one harmless line
 * ```
 */
export function headerText(value: string): string {
  return value.replace(CONTROL, ' ').replace(/ {2,}/g, ' ').trim();
}

// An address as mail headers can carry it unquoted: the printable ASCII of RFC 5322's dot-atom
// (no spaces, controls, quotes, angle brackets, commas or semicolons, which could add a second
// recipient), one "@" and a dotted ASCII domain.
const ADDRESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))+$/;

/**
 * Whether `value` is one plain email address that is safe in a header (`name@example.com`).
 *
 * @example
 * ```ts
 * isSafeAddress('kim@example.kr'); // true
 * isSafeAddress('kim@example.kr\r\nBcc: evil@x.example'); // false
 * ```
 */
export function isSafeAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value);
}

// `<left@right>` with nothing that could end the header or the id.
const MESSAGE_ID = /^<[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,200}@[A-Za-z0-9.-]{1,253}>$/;

/**
 * Whether `value` is a Message-ID (`<id@domain>`) safe to repeat in `In-Reply-To`/`References`.
 *
 * @example
 * ```ts
 * isMessageId('<5b0e…@shop.example>'); // true
 * ```
 */
export function isMessageId(value: string): boolean {
  return MESSAGE_ID.test(value);
}

const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*$/;

/**
 * Whether `value` is a host name that may stand right of the `@` of a Message-ID.
 *
 * @example
 * ```ts
 * isMailDomain('shop.example'); // true
 * ```
 */
export function isMailDomain(value: string): boolean {
  return value.length <= 253 && DOMAIN.test(value);
}
