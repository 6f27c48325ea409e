/**
 * Service-level targets of cases: when a first response and a resolution are due, fixed when a
 * response arrives (`CaseInit`), globally or per survey, in calendar time or business hours. The
 * handler checks a policy once with {@link checkSlaPolicy} and then calls {@link caseInit}.
 */
import { ConfigError } from '../errors.js';
import type { CaseInit, StoredResponse } from '../store.js';
import { addBusinessTime, checkBusinessHours, type BusinessHours, type Schedule } from './business-hours.js';

export { parseBusinessHours, type BusinessHours, type Weekday } from './business-hours.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The longest target a policy may set: a year. */
const MAX_TARGET_MS = 366 * DAY;

/**
 * Targets of the cases a receiver opens. A target in ms, `null` for none; left out, it falls back
 * to the global policy's, then to the default (first response 24 h, resolution 7 days). With
 * `businessHours`, targets count business time only (24 h = three 8-hour days). `perSurvey`
 * overrides any of these for one survey id.
 *
 * @example
 * ```ts
 * import { createHandler, parseBusinessHours, parseDuration, type SlaPolicy } from '@earful/server';
 * const sla: SlaPolicy = {
 *   firstResponseMs: parseDuration('8h'),
 *   resolutionMs: parseDuration('5d'),
 *   businessHours: parseBusinessHours('Mon-Fri 09:00-17:00', 'Europe/Riga'),
 *   perSurvey: { checkout: { firstResponseMs: parseDuration('2h') } },
 * };
 * createHandler({ store, sla });
 * ```
 */
export interface SlaPolicy {
  /** Time to a first response (a reply, or a person moving the case out of `new`). Default 24 h. */
  readonly firstResponseMs?: number | null;
  /** Time to resolution. Default 7 days. */
  readonly resolutionMs?: number | null;
  /** Count targets in these hours only. Default: calendar time. */
  readonly businessHours?: BusinessHours;
  /** Overrides per survey id. */
  readonly perSurvey?: Readonly<Record<string, Omit<SlaPolicy, 'perSurvey'>>>;
}

/** The policy `createHandler` uses without an `sla` option. */
export const DEFAULT_SLA: Readonly<{ firstResponseMs: number; resolutionMs: number }> = { firstResponseMs: 24 * HOUR, resolutionMs: 7 * DAY };

type Target = 'firstResponse' | 'resolution';

function checkTarget(value: unknown, name: string): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 60_000 || value > MAX_TARGET_MS) {
    throw new ConfigError(
      `${name} must be a whole number of ms from 60000 (1 minute) to ${MAX_TARGET_MS} (366 days), or null for no target, got ${JSON.stringify(value)}; parseDuration("24h") makes one`,
    );
  }
}

const schedules = new WeakMap<BusinessHours, Schedule>();

function scheduleOf(hours: BusinessHours, name: string): Schedule {
  let schedule = schedules.get(hours);
  if (!schedule) {
    schedule = checkBusinessHours(hours, name);
    schedules.set(hours, schedule);
  }
  return schedule;
}

/**
 * Checks a policy (the `sla` option) and throws a `ConfigError` that names the bad field and says
 * what to write. Schedules are checked once and remembered.
 */
export function checkSlaPolicy(policy: SlaPolicy | false, name = 'sla'): void {
  if (policy === false) return;
  if (policy === null || typeof policy !== 'object') {
    throw new ConfigError(`${name} must be { firstResponseMs?, resolutionMs?, businessHours?, perSurvey? } or false, got ${JSON.stringify(policy)}`);
  }
  const checkLevel = (level: Omit<SlaPolicy, 'perSurvey'>, at: string) => {
    const known = new Set(['firstResponseMs', 'resolutionMs', 'businessHours', ...(at === name ? ['perSurvey'] : [])]);
    for (const key of Object.keys(level)) {
      if (!known.has(key)) throw new ConfigError(`${at} has an unknown key ${JSON.stringify(key)}; use ${[...known].join(', ')}`);
    }
    checkTarget(level.firstResponseMs, `${at}.firstResponseMs`);
    checkTarget(level.resolutionMs, `${at}.resolutionMs`);
    if (level.businessHours !== undefined) scheduleOf(level.businessHours, `${at}.businessHours`);
  };
  checkLevel(policy, name);
  if (policy.perSurvey !== undefined) {
    if (policy.perSurvey === null || typeof policy.perSurvey !== 'object') {
      throw new ConfigError(`${name}.perSurvey must map survey ids to targets, such as { checkout: { firstResponseMs: 7200000 } }`);
    }
    for (const [surveyId, level] of Object.entries(policy.perSurvey)) {
      if (level === null || typeof level !== 'object') throw new ConfigError(`${name}.perSurvey.${surveyId} must be { firstResponseMs?, resolutionMs?, businessHours? }`);
      checkLevel(level, `${name}.perSurvey.${surveyId}`);
    }
  }
}

/**
 * When `target` falls due for a response of `surveyId` received at `receivedAtMs`, in ms since
 * epoch; `null` when the policy sets no such target.
 *
 * @example
 * ```ts
 * const due = dueAt({ firstResponseMs: 8 * 3_600_000, businessHours }, 'checkout', Date.now(), 'firstResponse');
 * ```
 */
export function dueAt(policy: SlaPolicy, surveyId: string, receivedAtMs: number, target: Target): number | null {
  const key = target === 'firstResponse' ? 'firstResponseMs' : 'resolutionMs';
  const survey = policy.perSurvey && Object.hasOwn(policy.perSurvey, surveyId) ? policy.perSurvey[surveyId] : undefined;
  const ms = survey?.[key] !== undefined ? survey[key] : policy[key] !== undefined ? policy[key] : DEFAULT_SLA[key];
  if (ms === null || ms === undefined) return null;
  const hours = survey?.businessHours ?? policy.businessHours;
  if (hours === undefined) return receivedAtMs + ms;
  return addBusinessTime(scheduleOf(hours, 'sla.businessHours'), receivedAtMs, ms);
}

/**
 * The SLA facts of a new case: both targets as ISO times, or `null`s when `policy` is `false`.
 *
 * @example
 * ```ts
 * await store.putIfAbsent(record, alerts, caseInit({ firstResponseMs: 3_600_000 }, record));
 * ```
 */
export function caseInit(policy: SlaPolicy | false, record: StoredResponse): CaseInit {
  if (policy === false) return { firstResponseDueAt: null, resolutionDueAt: null };
  const received = Date.parse(record.receivedAt);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    firstResponseDueAt: iso(dueAt(policy, record.surveyId, received, 'firstResponse')),
    resolutionDueAt: iso(dueAt(policy, record.surveyId, received, 'resolution')),
  };
}

const UNITS: Record<string, number> = { w: 7 * DAY, d: DAY, h: HOUR, m: 60_000, s: 1000 };

/**
 * Reads a duration such as `"24h"`, `"7d"`, `"90m"` or `"1d12h"` (units `w`, `d`, `h`, `m`, `s`,
 * largest first) into ms. Throws a `ConfigError` for anything else.
 *
 * @example
 * ```ts
 * parseDuration('1d12h'); // 129600000
 * ```
 */
export function parseDuration(text: string): number {
  const trimmed = typeof text === 'string' ? text.trim().toLowerCase() : '';
  const match = /^(?:(\d{1,4})w)?(?:(\d{1,5})d)?(?:(\d{1,6})h)?(?:(\d{1,7})m)?(?:(\d{1,9})s)?$/.exec(trimmed);
  if (trimmed === '' || !match) {
    throw new ConfigError(`a duration must be a number with a unit (w, d, h, m, s), largest first, such as "24h", "7d", "90m" or "1d12h", got ${JSON.stringify(text)}`);
  }
  const units = ['w', 'd', 'h', 'm', 's'];
  return match.slice(1).reduce((sum, value, i) => sum + (value === undefined ? 0 : Number(value) * UNITS[units[i]!]!), 0);
}
