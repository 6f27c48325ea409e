import { describe, expect, it } from 'vitest';
import { createSafeStorage } from '../../src/reach/safe-storage.js';
import { REACH_STORAGE_KEYS, deviceVisitorId, readReaskRecord, writeReaskRecord } from '../../src/reach/visitor-state.js';
import { MemoryStorage } from './fake-window.js';

describe('createSafeStorage', () => {
  it('uses the real storage when it works', () => {
    const real = new MemoryStorage();
    const storage = createSafeStorage(() => real);
    storage.set('k', 'v');
    expect(real.getItem('k')).toBe('v');
    expect(storage.get('k')).toBe('v');
    storage.remove('k');
    expect(real.getItem('k')).toBeNull();
  });

  it('falls back to memory when every call throws, without throwing', () => {
    const real = new MemoryStorage();
    real.failing = true;
    const storage = createSafeStorage(() => real);
    expect(() => storage.set('k', 'v')).not.toThrow();
    expect(storage.get('k')).toBe('v');
    expect(() => storage.remove('k')).not.toThrow();
    expect(storage.get('k')).toBeNull();
  });

  it('survives a getter that throws (SecurityError on window.localStorage) or returns nothing', () => {
    const throwing = createSafeStorage(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    throwing.set('k', 'v');
    expect(throwing.get('k')).toBe('v');
    const missing = createSafeStorage(() => undefined);
    missing.set('k', 'w');
    expect(missing.get('k')).toBe('w');
  });

  it('lets a failed write win over an older stored value until a write succeeds', () => {
    const real = new MemoryStorage();
    real.setItem('k', 'old');
    const storage = createSafeStorage(() => real);
    real.failing = true;
    storage.set('k', 'new');
    real.failing = false;
    expect(storage.get('k')).toBe('new');
    storage.set('k', 'newer');
    expect(real.getItem('k')).toBe('newer');
    real.setItem('k', 'from another tab');
    expect(storage.get('k')).toBe('from another tab');
  });
});

describe('visitor state', () => {
  it('round-trips a record and removes an empty one', () => {
    const real = new MemoryStorage();
    const storage = createSafeStorage(() => real);
    writeReaskRecord(storage, 's1', { answeredAt: 5, dismissedAt: 7 });
    expect(readReaskRecord(storage, 's1')).toEqual({ answeredAt: 5, dismissedAt: 7 });
    writeReaskRecord(storage, 's1', {});
    expect(real.getItem(REACH_STORAGE_KEYS.recordPrefix + 's1')).toBeNull();
  });

  it('reads malformed records as empty', () => {
    const real = new MemoryStorage();
    const storage = createSafeStorage(() => real);
    for (const raw of ['{', 'null', '42', '"x"', '{"a":"yesterday","d":null}', '[]']) {
      real.setItem(REACH_STORAGE_KEYS.recordPrefix + 's', raw);
      expect(readReaskRecord(storage, 's')).toEqual({});
    }
  });

  it('creates the visitor id once and keeps it', () => {
    const real = new MemoryStorage();
    const storage = createSafeStorage(() => real);
    let made = 0;
    const make = () => `id-${++made}`;
    expect(deviceVisitorId(storage, make)).toBe('id-1');
    expect(deviceVisitorId(storage, make)).toBe('id-1');
    expect(made).toBe(1);
  });
});
