import { describe, expect, it } from 'vitest';
import { DAY_MS, decideReask, type ReaskInput } from '../../src/reach/reask-policy.js';

const T0 = Date.UTC(2026, 0, 1);
const base: ReaskInput = { reask: undefined, record: {}, shownThisSession: false, now: T0 };
const at = (days: number) => T0 + days * DAY_MS;

describe('decideReask: answered', () => {
  it('never re-asks within 90 days by default; allows from 90 days exactly', () => {
    const record = { answeredAt: T0 };
    expect(decideReask({ ...base, record, now: T0 })).toEqual({ allowed: false, reason: 'answered', until: at(90) });
    expect(decideReask({ ...base, record, now: at(89.99) }).allowed).toBe(false);
    expect(decideReask({ ...base, record, now: at(90) - 1 }).allowed).toBe(false);
    expect(decideReask({ ...base, record, now: at(90) })).toEqual({ allowed: true });
    expect(decideReask({ ...base, record, now: at(400) })).toEqual({ allowed: true });
  });
  it('honours afterAnswerDays, including 0 (no wait)', () => {
    const record = { answeredAt: T0 };
    expect(decideReask({ ...base, reask: { afterAnswerDays: 30 }, record, now: at(30) - 1 }).allowed).toBe(false);
    expect(decideReask({ ...base, reask: { afterAnswerDays: 30 }, record, now: at(30) }).allowed).toBe(true);
    expect(decideReask({ ...base, reask: { afterAnswerDays: 0 }, record, now: T0 }).allowed).toBe(true);
  });
  it('keeps refusing when the record is in the future (clock moved back)', () => {
    expect(decideReask({ ...base, record: { answeredAt: at(5) }, now: T0 })).toEqual({ allowed: false, reason: 'answered', until: at(95) });
  });
});

describe('decideReask: dismissed', () => {
  it('re-asks after 14 days by default, not one millisecond earlier', () => {
    const record = { dismissedAt: T0 };
    expect(decideReask({ ...base, record, now: at(13.99) })).toEqual({ allowed: false, reason: 'dismissed', until: at(14) });
    expect(decideReask({ ...base, record, now: at(14) - 1 }).allowed).toBe(false);
    expect(decideReask({ ...base, record, now: at(14) })).toEqual({ allowed: true });
  });
  it('honours afterDismissDays', () => {
    const record = { dismissedAt: T0 };
    expect(decideReask({ ...base, reask: { afterDismissDays: 1 }, record, now: at(1) - 1 }).allowed).toBe(false);
    expect(decideReask({ ...base, reask: { afterDismissDays: 1 }, record, now: at(1) }).allowed).toBe(true);
    expect(decideReask({ ...base, reask: { afterDismissDays: 0 }, record, now: T0 }).allowed).toBe(true);
  });
});

describe('decideReask: answer and dismissal together', () => {
  it('applies both waits', () => {
    // Answered 100 days ago (answer wait over), dismissed yesterday (dismiss wait running).
    expect(decideReask({ ...base, record: { answeredAt: at(-100), dismissedAt: at(-1) } })).toMatchObject({ allowed: false, reason: 'dismissed' });
    // Dismissed 20 days ago (over), answered yesterday (running).
    expect(decideReask({ ...base, record: { answeredAt: at(-1), dismissedAt: at(-20) } })).toMatchObject({ allowed: false, reason: 'answered' });
    expect(decideReask({ ...base, record: { answeredAt: at(-90), dismissedAt: at(-14) } })).toEqual({ allowed: true });
  });
});

describe('decideReask: once per session', () => {
  it('refuses a second automatic survey in the session by default', () => {
    expect(decideReask({ ...base, shownThisSession: true })).toEqual({ allowed: false, reason: 'session' });
    expect(decideReask({ ...base, shownThisSession: false })).toEqual({ allowed: true });
  });
  it('can be turned off', () => {
    expect(decideReask({ ...base, reask: { oncePerSession: false }, shownThisSession: true })).toEqual({ allowed: true });
  });
  it('reports the answered wait before the session rule', () => {
    expect(decideReask({ ...base, record: { answeredAt: T0 }, shownThisSession: true })).toMatchObject({ reason: 'answered' });
  });
});

describe('decideReask: malformed records', () => {
  it('ignores non-finite times', () => {
    expect(decideReask({ ...base, record: { answeredAt: Number.NaN, dismissedAt: Number.POSITIVE_INFINITY } })).toEqual({ allowed: true });
  });
});

describe('decideReask: every configured wait, at the millisecond boundary', () => {
  const waits = [0, 1, 14, 30, 90, 365, 3650];
  it.each(waits)('afterAnswerDays %i', (days) => {
    const record = { answeredAt: T0 };
    const reask = { afterAnswerDays: days, oncePerSession: false };
    if (days > 0) expect(decideReask({ ...base, reask, record, now: at(days) - 1 }).allowed).toBe(false);
    expect(decideReask({ ...base, reask, record, now: at(days) }).allowed).toBe(true);
    expect(decideReask({ ...base, reask, record, now: at(days) + 1 }).allowed).toBe(true);
  });
  it.each(waits)('afterDismissDays %i', (days) => {
    const record = { dismissedAt: T0 };
    const reask = { afterDismissDays: days, oncePerSession: false };
    if (days > 0) expect(decideReask({ ...base, reask, record, now: at(days) - 1 }).allowed).toBe(false);
    expect(decideReask({ ...base, reask, record, now: at(days) }).allowed).toBe(true);
    expect(decideReask({ ...base, reask, record, now: at(days) + 1 }).allowed).toBe(true);
  });
});
