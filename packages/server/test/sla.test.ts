/** SLA targets: defaults, `null` and `false`, per-survey overrides, business hours, the policy check and durations. */
import { describe, expect, it } from 'vitest';
import { parseBusinessHours } from '../src/cases/business-hours.js';
import { caseInit, checkSlaPolicy, DEFAULT_SLA, dueAt, parseDuration, type SlaPolicy } from '../src/cases/sla.js';
import { makeRecord, makeResponse } from './support/fixtures.js';

const HOUR = 3_600_000;
const received = Date.parse('2026-11-27T16:30:00Z'); // a Friday, 18:30 in Riga

describe('dueAt', () => {
  it('defaults to 24 h to a first response and 7 days to resolution, in calendar time', () => {
    expect(dueAt({}, 'checkout', received, 'firstResponse')).toBe(received + 24 * HOUR);
    expect(dueAt({}, 'checkout', received, 'resolution')).toBe(received + 7 * 24 * HOUR);
    expect(DEFAULT_SLA).toEqual({ firstResponseMs: 24 * HOUR, resolutionMs: 7 * 24 * HOUR });
  });

  it('null means no target', () => {
    expect(dueAt({ firstResponseMs: null }, 'checkout', received, 'firstResponse')).toBeNull();
    expect(dueAt({ firstResponseMs: null }, 'checkout', received, 'resolution')).toBe(received + 7 * 24 * HOUR);
  });

  it('per-survey targets override the global ones, field by field; other surveys keep the global', () => {
    const policy: SlaPolicy = {
      firstResponseMs: 8 * HOUR,
      resolutionMs: 48 * HOUR,
      perSurvey: { checkout: { firstResponseMs: 2 * HOUR }, nps: { firstResponseMs: null } },
    };
    expect(dueAt(policy, 'checkout', received, 'firstResponse')).toBe(received + 2 * HOUR);
    expect(dueAt(policy, 'checkout', received, 'resolution')).toBe(received + 48 * HOUR);
    expect(dueAt(policy, 'nps', received, 'firstResponse')).toBeNull();
    expect(dueAt(policy, 'support', received, 'firstResponse')).toBe(received + 8 * HOUR);
    // A survey named like an Object.prototype key is just another survey.
    expect(dueAt(policy, 'constructor', received, 'firstResponse')).toBe(received + 8 * HOUR);
  });

  it('counts business hours when given, globally or for one survey', () => {
    const businessHours = parseBusinessHours('Mon-Fri 09:00-17:00', 'Europe/Riga');
    const policy: SlaPolicy = { firstResponseMs: 4 * HOUR, perSurvey: { checkout: { businessHours } } };
    // Friday evening → Monday 13:00 in Riga (11:00Z) for checkout; plain calendar time for others.
    expect(new Date(dueAt(policy, 'checkout', received, 'firstResponse')!).toISOString()).toBe('2026-11-30T11:00:00.000Z');
    expect(dueAt(policy, 'support', received, 'firstResponse')).toBe(received + 4 * HOUR);
    expect(new Date(dueAt({ firstResponseMs: 4 * HOUR, businessHours }, 'x', received, 'firstResponse')!).toISOString()).toBe('2026-11-30T11:00:00.000Z');
  });
});

describe('caseInit', () => {
  const record = makeRecord(makeResponse(), received);

  it('gives both targets as ISO times', () => {
    expect(caseInit({ firstResponseMs: HOUR, resolutionMs: 2 * HOUR }, record)).toEqual({
      firstResponseDueAt: '2026-11-27T17:30:00.000Z',
      resolutionDueAt: '2026-11-27T18:30:00.000Z',
    });
  });

  it('false: no targets', () => {
    expect(caseInit(false, record)).toEqual({ firstResponseDueAt: null, resolutionDueAt: null });
  });
});

describe('checkSlaPolicy', () => {
  const bad: [string, unknown, RegExp][] = [
    ['a target in seconds', { firstResponseMs: 30 }, /sla\.firstResponseMs must be a whole number of ms from 60000 .* parseDuration\("24h"\)/],
    ['a target as text', { resolutionMs: '7d' }, /sla\.resolutionMs must be a whole number of ms/],
    ['a target over a year', { resolutionMs: 400 * 24 * HOUR }, /366 days/],
    ['a typo', { firstResponse: HOUR }, /sla has an unknown key "firstResponse"; use firstResponseMs, resolutionMs, businessHours, perSurvey/],
    ['nested perSurvey', { perSurvey: { checkout: { perSurvey: {} } } }, /sla\.perSurvey\.checkout has an unknown key "perSurvey"/],
    ['a bad per-survey target', { perSurvey: { checkout: { firstResponseMs: -1 } } }, /sla\.perSurvey\.checkout\.firstResponseMs/],
    ['a week with no hours', { businessHours: { timeZone: 'Europe/Riga', week: {} } }, /sla\.businessHours\.week has no open hours/],
    ['a bad time zone', { businessHours: { timeZone: 'Riga', week: { mon: [['09:00', '17:00']] } } }, /sla\.businessHours\.timeZone must be an IANA time zone/],
    ['not an object', 'fast', /sla must be \{ firstResponseMs\?, resolutionMs\?, businessHours\?, perSurvey\? \} or false/],
  ];
  it.each(bad)('%s → ConfigError naming the field', (_, policy, message) => {
    expect(() => checkSlaPolicy(policy as SlaPolicy)).toThrow(message);
  });

  it('accepts false, the default and a full policy', () => {
    expect(() => checkSlaPolicy(false)).not.toThrow();
    expect(() => checkSlaPolicy(DEFAULT_SLA)).not.toThrow();
    expect(() =>
      checkSlaPolicy({
        firstResponseMs: null,
        resolutionMs: 5 * 24 * HOUR,
        businessHours: parseBusinessHours('Mon-Fri 09:00-17:00', 'America/New_York', ['2026-12-25']),
        perSurvey: { checkout: { firstResponseMs: 2 * HOUR } },
      }),
    ).not.toThrow();
  });
});

describe('parseDuration', () => {
  it.each([
    ['24h', 24 * HOUR],
    ['7d', 7 * 24 * HOUR],
    ['90m', 90 * 60_000],
    ['1d12h', 36 * HOUR],
    ['2w', 14 * 24 * HOUR],
    ['1h30m', 90 * 60_000],
    [' 45s ', 45_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '24', 'h', '12h1d', '1.5h', '-3h', '24 hours', '9'.repeat(30) + 'd'])('%j → ConfigError', (text) => {
    expect(() => parseDuration(text)).toThrow(/a duration must be a number with a unit \(w, d, h, m, s\), largest first, such as "24h"/);
  });
});
