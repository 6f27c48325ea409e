import { describe, expect, it } from 'vitest';
import { casePatchSchema, safeParseWith, sessionInputSchema, setupInputSchema } from '../src/index.js';

describe('safeParseWith', () => {
  it('words field problems like safeParseResponse does', () => {
    const result = safeParseWith(casePatchSchema, { status: 'closed', colour: 'red' }, 'case patch');
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.message).toMatch(/^case patch is not valid:/);
    expect(result.error.fields.map((f) => f.path).sort()).toEqual(['', 'status']);
    expect(result.error.fields.find((f) => f.path === '')?.message).toContain('unknown key "colour"');
  });

  it('returns the parsed value', () => {
    expect(safeParseWith(sessionInputSchema, { email: 'ana@shop.example', password: 'x' }, 'sign-in')).toEqual({
      success: true,
      data: { email: 'ana@shop.example', password: 'x' },
    });
  });
});

describe('session schemas', () => {
  it('refuses a short first password and a non-email', () => {
    const result = safeParseWith(setupInputSchema, { token: 't', email: 'nobody', password: 'short' }, 'setup');
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.fields.map((f) => f.path).sort()).toEqual(['email', 'password']);
    expect(result.error.fields.find((f) => f.path === 'password')?.message).toContain('at least 12 characters');
  });

  it('bounds the password at sign-in so hashing stays cheap to refuse', () => {
    expect(safeParseWith(sessionInputSchema, { email: 'ana@shop.example', password: 'x'.repeat(1025) }, 'sign-in').success).toBe(false);
  });
});
