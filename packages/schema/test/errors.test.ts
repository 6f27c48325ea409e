/**
 * The guard factory every package builds its `isXxxError()` guards with. Copies of a package
 * (two versions in one app) are simulated by a second class of the same name: `instanceof`
 * fails across them, the name match must not.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, EarfulError, errorGuard, isConfigError, isEarfulError, isValidationError, ValidationError } from '../src/lean.js';

class ParcelError extends EarfulError {
  constructor() {
    super('lost in the post', { code: 'parcel' });
    this.name = 'ParcelError';
  }
}
const isParcelError = errorGuard(ParcelError, 'ParcelError');

/** The same class as another copy of the package defines it: same name and code, other identity. */
function fromAnotherCopy(name: string, code: string): Error {
  class Copy extends Error {
    readonly code = code;
  }
  const error = new Copy('from another copy');
  error.name = name;
  return error;
}

describe('errorGuard', () => {
  it('matches an instance and an error of the same name from another copy of the package', () => {
    expect(isParcelError(new ParcelError())).toBe(true);
    const copy = fromAnotherCopy('ParcelError', 'parcel');
    expect(copy instanceof ParcelError).toBe(false);
    expect(isParcelError(copy)).toBe(true);
  });

  it('refuses other errors, look-alikes without a string code, and non-errors', () => {
    expect(isParcelError(new ConfigError('x'))).toBe(false);
    expect(isParcelError(fromAnotherCopy('OtherError', 'parcel'))).toBe(false);
    // A DOMException has a name and a numeric code: not an Earful error of that name.
    const timeout = errorGuard(ParcelError, 'TimeoutError');
    expect(timeout(new DOMException('slow', 'TimeoutError'))).toBe(false);
    expect(isParcelError({ name: 'ParcelError', code: 'parcel', message: 'a plain object' })).toBe(false);
    for (const value of [undefined, null, 'ParcelError', 42, new Error('ParcelError')]) expect(isParcelError(value)).toBe(false);
  });

  it('builds the shared guards: isConfigError and isValidationError', () => {
    expect(isConfigError(new ConfigError('bad option'))).toBe(true);
    expect(isConfigError(fromAnotherCopy('ConfigError', 'config'))).toBe(true);
    expect(isConfigError(new ValidationError('response', []))).toBe(false);
    expect(isValidationError(new ValidationError('response', []))).toBe(true);
    expect(isValidationError(fromAnotherCopy('ValidationError', 'validation'))).toBe(true);
    expect(isValidationError(new ConfigError('bad option'))).toBe(false);
  });

  it("knows the widget's WidgetConfigError from another copy as a config error", () => {
    // The widget's class extends ConfigError; from another copy only its name says so.
    expect(isConfigError(fromAnotherCopy('WidgetConfigError', 'config'))).toBe(true);
    expect(isEarfulError(fromAnotherCopy('WidgetConfigError', 'config'))).toBe(true);
  });
});
