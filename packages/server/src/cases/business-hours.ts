/**
 * Business hours: a weekly schedule in an IANA time zone, with holidays. Checks a schedule
 * (ConfigErrors that say what to write), parses the short text form (`"Mon-Fri 09:00-17:00"`), and
 * adds a span of business time to an instant, counting wall-clock hours across daylight-saving
 * changes as the zone has them.
 */
import { ConfigError } from '../errors.js';
import { civilOfDay, isTimeZone, isoDate, utcDay, weekdayOfDay, zonedInstant } from './zoned-time.js';

/** A day of the week, as the schedule names it. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * When a team works: per weekday, intervals of local time (`['09:00', '17:00']`, `'24:00'` = the
 * end of the day) in `timeZone`, and local dates with no hours at all.
 *
 * @example
 * ```ts
 * const hours: BusinessHours = {
 *   timeZone: 'Europe/Riga',
 *   week: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], sat: [['10:00', '14:00']] },
 *   holidays: ['2026-12-24', '2026-12-25'],
 * };
 * ```
 */
export interface BusinessHours {
  /** An IANA time zone, such as `Europe/Riga` or `America/New_York`. */
  readonly timeZone: string;
  /** Open intervals per day; a day left out is closed. */
  readonly week: Readonly<Partial<Record<Weekday, readonly (readonly [string, string])[]>>>;
  /** Closed local dates, `YYYY-MM-DD`. */
  readonly holidays?: readonly string[];
}

/** Sunday first, as `Date#getUTCDay` counts. */
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_NAMES = new Map(WEEKDAYS.map((day, index) => [day, index]));
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Beyond this many local days a target counts as never due (only a near-empty schedule gets there). */
const MAX_DAYS = 3 * 366;

/** A schedule checked and turned into minutes: per weekday (Sunday first), sorted intervals. */
export interface Schedule {
  readonly timeZone: string;
  readonly days: readonly (readonly (readonly [number, number])[])[];
  readonly holidays: ReadonlySet<string>;
  /** Business minutes in a week without holidays. */
  readonly weeklyMinutes: number;
  /** Open intervals as instants, per local day number: filled as targets are counted. */
  readonly instants: Map<number, readonly (readonly [number, number])[]>;
}

/** Days of open intervals a schedule remembers (a few years); then it starts again. */
const MAX_CACHED_DAYS = 2000;

function minutesOf(time: string): number {
  return time === '24:00' ? 24 * 60 : Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() + 1 === Number(m[2]) && date.getUTCDate() === Number(m[3]);
}

/**
 * Checks `hours` and returns it in minutes. `name` is where it sits in the caller's options
 * (`sla.businessHours`), for the message.
 */
export function checkBusinessHours(hours: BusinessHours, name = 'businessHours'): Schedule {
  if (hours === null || typeof hours !== 'object') {
    throw new ConfigError(`${name} must be { timeZone, week, holidays? } (or parseBusinessHours("Mon-Fri 09:00-17:00", "Europe/Riga")), got ${JSON.stringify(hours)}`);
  }
  if (!isTimeZone(hours.timeZone)) {
    throw new ConfigError(`${name}.timeZone must be an IANA time zone such as "Europe/Riga" or "America/New_York", got ${JSON.stringify(hours.timeZone)}`);
  }
  if (hours.week === null || typeof hours.week !== 'object') {
    throw new ConfigError(`${name}.week must map days (mon … sun) to intervals such as [["09:00", "17:00"]], got ${JSON.stringify(hours.week)}`);
  }
  const days: [number, number][][] = WEEKDAYS.map(() => []);
  for (const [day, intervals] of Object.entries(hours.week)) {
    const index = DAY_NAMES.get(day as Weekday);
    if (index === undefined) throw new ConfigError(`${name}.week has an unknown day ${JSON.stringify(day)}; use mon, tue, wed, thu, fri, sat or sun`);
    if (intervals === undefined) continue;
    if (!Array.isArray(intervals)) throw new ConfigError(`${name}.week.${day} must be a list of [open, close] pairs such as [["09:00", "17:00"]]`);
    for (const interval of intervals) {
      const [open, close] = Array.isArray(interval) && interval.length === 2 ? interval : [undefined, undefined];
      if (typeof open !== 'string' || typeof close !== 'string' || !TIME.test(open) || !TIME.test(close) || minutesOf(open) >= minutesOf(close)) {
        throw new ConfigError(
          `${name}.week.${day} has ${JSON.stringify(interval)}; write [open, close] as "HH:MM" 24-hour times with open before close, such as ["09:00", "17:00"] ("24:00" ends the day)`,
        );
      }
      days[index]!.push([minutesOf(open), minutesOf(close)]);
    }
    const sorted = days[index]!.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]![0] < sorted[i - 1]![1]) throw new ConfigError(`${name}.week.${day} has overlapping intervals; merge them into one`);
    }
  }
  const weeklyMinutes = days.flat().reduce((sum, [open, close]) => sum + close - open, 0);
  if (weeklyMinutes === 0) {
    throw new ConfigError(`${name}.week has no open hours, so no target could ever fall due; give at least one day hours, such as { mon: [["09:00", "17:00"]] }`);
  }
  const holidays = hours.holidays ?? [];
  if (!Array.isArray(holidays)) throw new ConfigError(`${name}.holidays must be a list of local dates such as ["2026-12-25"]`);
  for (const day of holidays) {
    if (typeof day !== 'string' || !validDate(day)) throw new ConfigError(`${name}.holidays has ${JSON.stringify(day)}; write each holiday as YYYY-MM-DD, such as "2026-12-25"`);
  }
  return { timeZone: hours.timeZone, days, holidays: new Set(holidays), weeklyMinutes, instants: new Map() };
}

/**
 * The instant when `ms` of business time have passed since `start` (ms since epoch): time
 * outside the schedule and on holidays does not count. A start outside business hours counts
 * from the next opening. `null` when the target lies more than three years of calendar days away
 * (a schedule of a few minutes a week with a long target).
 */
export function addBusinessTime(schedule: Schedule, start: number, ms: number): number | null {
  let remaining = ms;
  // The local date is the UTC one or a neighbour (offsets are within ±14 h): start the day before,
  // whose intervals simply end before `start` when they do. No date formatting on a warm schedule.
  const first = utcDay(start) - 1;
  for (let day = first; day < first + MAX_DAYS; day++) {
    for (const [open, close] of openIntervals(schedule, day)) {
      const from = Math.max(start, open);
      if (close <= from) continue;
      if (remaining <= close - from) return from + remaining;
      remaining -= close - from;
    }
  }
  return null;
}

/** The open intervals of a local day (days since 1970-01-01) as instants; none on a holiday. */
function openIntervals(schedule: Schedule, day: number): readonly (readonly [number, number])[] {
  let intervals = schedule.instants.get(day);
  if (intervals === undefined) {
    const date = civilOfDay(day);
    intervals = schedule.holidays.has(isoDate(date))
      ? []
      : schedule.days[weekdayOfDay(day)]!.map(([open, close]) => [zonedInstant(date, open, schedule.timeZone), zonedInstant(date, close, schedule.timeZone)] as const);
    if (schedule.instants.size >= MAX_CACHED_DAYS) schedule.instants.clear();
    schedule.instants.set(day, intervals);
  }
  return intervals;
}

const DAY_WORDS: Record<string, Weekday> = {
  mon: 'mon', monday: 'mon', tue: 'tue', tues: 'tue', tuesday: 'tue', wed: 'wed', wednesday: 'wed',
  thu: 'thu', thur: 'thu', thurs: 'thu', thursday: 'thu', fri: 'fri', friday: 'fri',
  sat: 'sat', saturday: 'sat', sun: 'sun', sunday: 'sun',
};
const EXAMPLE = 'such as "Mon-Fri 09:00-17:00; Sat 10:00-14:00"';

function dayWord(word: string, part: string): Weekday {
  const day = DAY_WORDS[word.toLowerCase()];
  if (!day) throw new ConfigError(`business hours: ${JSON.stringify(word)} in ${JSON.stringify(part)} is not a day; use Mon, Tue, Wed, Thu, Fri, Sat or Sun, ${EXAMPLE}`);
  return day;
}

/** `Mon-Fri`, `Sat`, `Mon,Wed,Fri` or `Fri-Mon` (wraps through the weekend). */
function parseDays(spec: string, part: string): Weekday[] {
  const days: Weekday[] = [];
  for (const item of spec.split(',')) {
    const [first, last, extra] = item.split('-');
    if (extra !== undefined || !first) throw new ConfigError(`business hours: ${JSON.stringify(item)} in ${JSON.stringify(part)} is not a day or a range of days, ${EXAMPLE}`);
    const from = DAY_NAMES.get(dayWord(first, part))!;
    const to = last === undefined ? from : DAY_NAMES.get(dayWord(last, part))!;
    for (let i = from; ; i = (i + 1) % 7) {
      days.push(WEEKDAYS[i]!);
      if (i === to) break;
    }
  }
  return days;
}

/**
 * Parses business hours written as text: `;`-separated parts, each days then one or more time
 * ranges — `"Mon-Fri 09:00-12:00, 13:00-17:00; Sat 10:00-14:00"`. Days: `Mon` … `Sun` (any
 * case, full names too), ranges `Mon-Fri`, lists `Mon,Wed`. Throws a `ConfigError` naming the
 * part it cannot read.
 *
 * @example
 * ```ts
 * import { createHandler, parseBusinessHours } from '@earful/server';
 * const businessHours = parseBusinessHours('Mon-Fri 09:00-17:00; Sat 10:00-14:00', 'Europe/Riga');
 * createHandler({ store, sla: { firstResponseMs: 8 * 3_600_000, businessHours } });
 * ```
 */
export function parseBusinessHours(text: string, timeZone: string, holidays?: readonly string[]): BusinessHours {
  if (typeof text !== 'string' || text.trim() === '') throw new ConfigError(`business hours must be text ${EXAMPLE}, got ${JSON.stringify(text)}`);
  const week: Partial<Record<Weekday, [string, string][]>> = {};
  for (const raw of text.split(';')) {
    const part = raw.trim();
    if (part === '') continue;
    const match = /^([A-Za-z,\-\s]+?)\s+(\d.*)$/.exec(part);
    if (!match) throw new ConfigError(`business hours: cannot read ${JSON.stringify(part)}; write days then times, ${EXAMPLE}`);
    const days = parseDays(match[1]!.replace(/\s+/g, ''), part);
    const ranges = match[2]!.split(/[\s,]+/).filter(Boolean);
    for (const range of ranges) {
      const times = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(range);
      if (!times) throw new ConfigError(`business hours: ${JSON.stringify(range)} in ${JSON.stringify(part)} is not a time range; write HH:MM-HH:MM, ${EXAMPLE}`);
      const pad = (t: string) => t.padStart(5, '0');
      for (const day of days) (week[day] ??= []).push([pad(times[1]!), pad(times[2]!)]);
    }
  }
  const hours: BusinessHours = holidays === undefined ? { timeZone, week } : { timeZone, week, holidays };
  checkBusinessHours(hours, 'business hours');
  return hours;
}
