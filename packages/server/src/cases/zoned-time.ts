/**
 * Wall-clock time in an IANA time zone, from `Intl.DateTimeFormat` alone (no tz database of our
 * own): the local date of an instant, and the instant of a local date and time. Daylight-saving
 * changes are the zone's, as the runtime knows them.
 */

/** A calendar date, month 1–12. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per zone; throws a RangeError for a zone the runtime does not know. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (formatters.size > 100) formatters.clear();
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether the runtime knows `timeZone` (an IANA name such as `Europe/Riga`). */
export function isTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of `instant` (ms) in `timeZone`, read as if it were UTC (ms, seconds included). */
function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The zone's offset from UTC at `instant`, in ms (Riga in summer: +3 h). */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000; // the formatter shows no milliseconds
  return wallClock(whole, timeZone) - whole;
}

/**
 * The instant when the wall clock in `timeZone` shows `minutes` after midnight of `date`
 * (`24 * 60` = the next midnight). A time skipped by a spring-forward change is read with the
 * offset before it (so it lands just after the change); a time that happens twice in autumn is
 * its first occurrence.
 */
export function zonedInstant(date: CivilDate, minutes: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000;
  // A zone changes its offset at most once a day: the offsets a day before and after are the
  // only candidates.
  const before = wall - offsetAt(wall - 86_400_000, timeZone);
  const after = wall - offsetAt(wall + 86_400_000, timeZone);
  const reads = (instant: number) => offsetAt(instant, timeZone) === wall - instant;
  const valid = [before, after].filter(reads);
  if (valid.length > 0) return Math.min(...valid);
  return before;
}

/** The calendar date of a day number (days since 1970-01-01). */
export function civilOfDay(day: number): CivilDate {
  const date = new Date(day * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The day number (days since 1970-01-01) of the UTC date of `instant`. */
export function utcDay(instant: number): number {
  return Math.floor(instant / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday, of a day number (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** `YYYY-MM-DD`. */
export function isoDate(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
