/** Pins the public surface of @earful/sdk: adding or removing an export is a deliberate act. */
import { expect, it } from 'vitest';
import * as sdk from '../src/index.js';

it('exports exactly the documented runtime API', () => {
  expect(Object.keys(sdk).sort()).toEqual(
    [
      'ConfigError',
      'DEFAULT_RETRY_POLICY',
      'EarfulError',
      'HttpError',
      'NetworkError',
      'StorageError',
      'TimeoutError',
      'ValidationError',
      'backoffDelay',
      'createClient',
      'createLeanClient',
      'isConfigError',
      'isEarfulError',
      'isHttpError',
      'isNetworkError',
      'isStorageError',
      'isTimeoutError',
      'isValidationError',
      'localStorageStorage',
      'memoryStorage',
      'retryAfterTime',
      'statusClass',
    ].sort(),
  );
});

it('errors carry literal codes, keep cause, and the guards also match by name', () => {
  const response = new Response(null, { status: 400 });
  const errors = [
    [new sdk.ConfigError('x'), 'config', sdk.isConfigError],
    [new sdk.HttpError('x', response), 'http', sdk.isHttpError],
    [new sdk.TimeoutError('x', { cause: 1 }), 'timeout', sdk.isTimeoutError],
    [new sdk.NetworkError('x', { cause: 1 }), 'network', sdk.isNetworkError],
    [new sdk.StorageError('x', { cause: 1 }), 'storage', sdk.isStorageError],
  ] as const;
  for (const [error, code, guard] of errors) {
    expect(error).toBeInstanceOf(sdk.EarfulError);
    expect(error.code).toBe(code);
    expect(guard(error)).toBe(true);
    // A copy from another bundle: same name and code, different class.
    const foreign = Object.assign(new Error('x'), { name: error.name, code });
    expect(guard(foreign)).toBe(true);
    expect(guard(new Error('x'))).toBe(false);
  }
  expect(new sdk.TimeoutError('x', { cause: 'why' }).cause).toBe('why');
  expect(new sdk.HttpError('x', response).status).toBe(400);
});
