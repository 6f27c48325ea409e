/**
 * Business hours: targets counted in a team's local working time, across daylight-saving changes
 * (Europe/Riga, America/New_York), weekends and holidays; and the text form's parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, checkBusinessHours, parseBusinessHours } from '../src/cases/business-hours.js';
import { isConfigError } from '../src/errors.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const weekdays = (timeZone: string, holidays?: string[]) => checkBusinessHours(parseBusinessHours('Mon-Fri 09:00-17:00', timeZone, holidays));

describe('adding business time', () => {
  it('a complaint on Friday evening is due on Monday', () => {
    // Fri 27 Nov 2026 18:30 in Riga (UTC+2): closed until Monday 09:00; 4 h later is 13:00 local.
    expect(iso(addBusinessTime(weekdays('Europe/Riga'), at('2026-11-27T16:30:00Z'), 4 * HOUR))).toBe('2026-11-30T11:00:00.000Z');
  });

  it('counts from the arrival inside business hours, and carries the rest over to the next day', () => {
    // Tue 10:00 local + 10 h = 7 h on Tuesday, 3 h on Wednesday → Wed 12:00 local (UTC+2).
    expect(iso(addBusinessTime(weekdays('Europe/Riga'), at('2026-12-01T08:00:00Z'), 10 * HOUR))).toBe('2026-12-02T10:00:00.000Z');
    // Exactly at closing: done at 17:00, not the next morning.
    expect(iso(addBusinessTime(weekdays('Europe/Riga'), at('2026-12-01T08:00:00Z'), 7 * HOUR))).toBe('2026-12-01T15:00:00.000Z');
  });

  it('Riga springs forward on Sunday 29 March 2026: Sunday opens at 09:00 summer time', () => {
    const everyDay = checkBusinessHours(parseBusinessHours('Mon-Sun 09:00-17:00', 'Europe/Riga'));
    // Sat 16:00 (UTC+2) + 2 h: one hour on Saturday, one from Sunday 09:00 (UTC+3 = 06:00Z).
    expect(iso(addBusinessTime(everyDay, at('2026-03-28T14:00:00Z'), 2 * HOUR))).toBe('2026-03-29T07:00:00.000Z');
  });

  it('Riga falls back on Sunday 25 October 2026', () => {
    const everyDay = checkBusinessHours(parseBusinessHours('Mon-Sun 09:00-17:00', 'Europe/Riga'));
    // Sat 16:00 (UTC+3) + 2 h: Sunday opens at 09:00 winter time (UTC+2 = 07:00Z).
    expect(iso(addBusinessTime(everyDay, at('2026-10-24T13:00:00Z'), 2 * HOUR))).toBe('2026-10-25T08:00:00.000Z');
  });

  it('New York falls back on Sunday 1 November 2026: Monday opens at 09:00 EST', () => {
    // Fri 30 Oct 16:00 EDT (UTC−4) + 2 h: one hour on Friday, one from Mon 09:00 EST (UTC−5 = 14:00Z).
    expect(iso(addBusinessTime(weekdays('America/New_York'), at('2026-10-30T20:00:00Z'), 2 * HOUR))).toBe('2026-11-02T15:00:00.000Z');
  });

  it('New York springs forward on Sunday 8 March 2026: Monday opens at 09:00 EDT', () => {
    // Fri 6 Mar 16:00 EST (UTC−5 = 21:00Z) + 2 h → Mon 10:00 EDT (UTC−4 = 14:00Z).
    expect(iso(addBusinessTime(weekdays('America/New_York'), at('2026-03-06T21:00:00Z'), 2 * HOUR))).toBe('2026-03-09T14:00:00.000Z');
  });

  it('a day that lasts 23 hours counts 23 hours of a 24-hour schedule', () => {
    const always = checkBusinessHours(parseBusinessHours('Mon-Sun 00:00-24:00', 'Europe/Riga'));
    // From Sat 00:00 local (UTC+2) 48 business hours pass at real time: Mon 01:00 local (UTC+3).
    expect(iso(addBusinessTime(always, at('2026-03-27T22:00:00Z'), 48 * HOUR))).toBe('2026-03-29T22:00:00.000Z');
  });

  it('skips holidays (local dates), and the weekend after them', () => {
    // Wed 23 Dec 16:00 (UTC+2) + 4 h: 1 h on Wednesday; 24th, 25th holidays; weekend; Mon 28th 09:00 + 3 h.
    const schedule = weekdays('Europe/Riga', ['2026-12-24', '2026-12-25']);
    expect(iso(addBusinessTime(schedule, at('2026-12-23T14:00:00Z'), 4 * HOUR))).toBe('2026-12-28T10:00:00.000Z');
    expect(iso(addBusinessTime(weekdays('Europe/Riga'), at('2026-12-23T14:00:00Z'), 4 * HOUR))).toBe('2026-12-24T10:00:00.000Z');
  });

  it('a holiday is a local date: late evening in New York is already the next day in UTC', () => {
    // Wed 23 Dec 2026 20:00 EST = Thu 01:00Z. Thursday 24th (local) is a holiday; Friday counts.
    const schedule = weekdays('America/New_York', ['2026-12-24']);
    expect(iso(addBusinessTime(schedule, at('2026-12-24T01:00:00Z'), HOUR))).toBe('2026-12-25T15:00:00.000Z');
  });

  it('several intervals a day: the lunch break does not count', () => {
    const split = checkBusinessHours(parseBusinessHours('Mon-Fri 09:00-12:00, 13:00-17:00', 'Europe/Riga'));
    // Tue 11:00 local + 2 h = 1 h before lunch, 1 h after → 14:00 local = 12:00Z.
    expect(iso(addBusinessTime(split, at('2026-12-01T09:00:00Z'), 2 * HOUR))).toBe('2026-12-01T12:00:00.000Z');
  });

  it('gives up (null) past three years rather than spinning on a near-empty schedule', () => {
    const tiny = checkBusinessHours({ timeZone: 'UTC', week: { mon: [['09:00', '09:01']] } });
    expect(addBusinessTime(tiny, at('2026-12-01T00:00:00Z'), 366 * 24 * HOUR)).toBeNull();
  });
});

describe('parseBusinessHours', () => {
  it('reads days, ranges, lists and several intervals', () => {
    expect(parseBusinessHours('Mon-Fri 09:00-17:00; Sat 10:00-14:00', 'Europe/Riga')).toEqual({
      timeZone: 'Europe/Riga',
      week: {
        mon: [['09:00', '17:00']],
        tue: [['09:00', '17:00']],
        wed: [['09:00', '17:00']],
        thu: [['09:00', '17:00']],
        fri: [['09:00', '17:00']],
        sat: [['10:00', '14:00']],
      },
    });
    expect(parseBusinessHours('monday,wed 9:00-12:00 13:00-17:30', 'UTC').week).toEqual({
      mon: [['09:00', '12:00'], ['13:00', '17:30']],
      wed: [['09:00', '12:00'], ['13:00', '17:30']],
    });
    // A range may wrap through the weekend.
    expect(Object.keys(parseBusinessHours('Fri-Mon 10:00-16:00', 'UTC').week)).toEqual(['fri', 'sat', 'sun', 'mon']);
  });

  const bad: [string, string, string, RegExp][] = [
    ['a week with no hours', '', 'Europe/Riga', /must be text such as "Mon-Fri 09:00-17:00/],
    ['an unknown day', 'Mo-Fr 09:00-17:00', 'Europe/Riga', /"Mo" in "Mo-Fr 09:00-17:00" is not a day; use Mon/],
    ['close before open', 'Mon 17:00-09:00', 'Europe/Riga', /open before close/],
    ['25 o\'clock', 'Mon 09:00-25:00', 'Europe/Riga', /"HH:MM" 24-hour times/],
    ['no times', 'Mon-Fri', 'Europe/Riga', /write days then times/],
    ['a bad range', 'Mon 9-17', 'Europe/Riga', /"9-17" in "Mon 9-17" is not a time range; write HH:MM-HH:MM/],
    ['overlapping intervals', 'Mon 09:00-13:00, 12:00-17:00', 'Europe/Riga', /overlapping intervals; merge them/],
    ['an unknown time zone', 'Mon-Fri 09:00-17:00', 'Europe/Atlantis', /timeZone must be an IANA time zone such as "Europe\/Riga"/],
  ];
  it.each(bad)('%s → ConfigError', (_, text, timeZone, message) => {
    let error: unknown;
    try {
      parseBusinessHours(text, timeZone);
    } catch (caught) {
      error = caught;
    }
    expect(isConfigError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it('bad holidays → ConfigError', () => {
    expect(() => parseBusinessHours('Mon-Fri 09:00-17:00', 'UTC', ['2026-02-30'])).toThrow(/holidays has "2026-02-30"; write each holiday as YYYY-MM-DD/);
  });
});

describe('checkBusinessHours', () => {
  it('a week with no hours is a ConfigError, not an endless search', () => {
    expect(() => checkBusinessHours({ timeZone: 'Europe/Riga', week: {} })).toThrow(/has no open hours, so no target could ever fall due/);
    expect(() => checkBusinessHours({ timeZone: 'Europe/Riga', week: { mon: [] } })).toThrow(/no open hours/);
  });

  it('names an unknown day key and a malformed interval', () => {
    expect(() => checkBusinessHours({ timeZone: 'UTC', week: { monday: [['09:00', '17:00']] } as never })).toThrow(/unknown day "monday"; use mon/);
    expect(() => checkBusinessHours({ timeZone: 'UTC', week: { mon: [['9', '17']] } })).toThrow(/week\.mon has \["9","17"\]/);
  });
});

describe('property: any arrival in 2026, any target', () => {
  const local = (instant: number, timeZone: string) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
        .formatToParts(instant)
        .map((p) => [p.type, p.value]),
    );
    return { weekday: parts.weekday!, minutes: Number(parts.hour) * 60 + Number(parts.minute) + Number(parts.second) / 60 };
  };

  it.each(['Europe/Riga', 'America/New_York'])('%s: due inside business hours, later for a longer target, and never before the arrival', (timeZone) => {
    const schedule = weekdays(timeZone);
    const year = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') });
    const span = fc.integer({ min: 60_000, max: 30 * 24 * HOUR });
    fc.assert(
      fc.property(year, span, span, (start, a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a];
        const dueShort = addBusinessTime(schedule, start, short)!;
        const dueLong = addBusinessTime(schedule, start, long)!;
        const { weekday, minutes } = local(dueShort, timeZone);
        return (
          dueShort > start &&
          dueLong >= dueShort &&
          dueLong - dueShort >= long - short &&
          !['Sat', 'Sun'].includes(weekday) &&
          minutes > 9 * 60 &&
          minutes <= 17 * 60
        );
      }),
      { numRuns: 500 },
    );
  });
});

