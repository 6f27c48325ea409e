/**
 * `WidgetConfigError` is a `ConfigError`: the one `isConfigError()` check (from any Earful
 * package) catches a bad widget option, as it catches a bad SDK or server option.
 */
import { ConfigError, EarfulError, isConfigError } from '@earful/schema';
import { isConfigError as isSdkConfigError } from '@earful/sdk';
import { describe, expect, it } from 'vitest';
import { isWidgetConfigError, mountWidget, WidgetConfigError } from '../src/index.js';

function badOption(): unknown {
  try {
    mountWidget({ survey: 'complaint', document: {} as Document });
  } catch (error) {
    return error;
  }
  throw new Error('mountWidget accepted a call without endpoint or client');
}

describe('WidgetConfigError', () => {
  it('is a ConfigError with code "config" that names the option', () => {
    const error = new WidgetConfigError('data-endpoint', 'must be an absolute http(s) URL, got "/feedback"');
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(EarfulError);
    expect(error.code).toBe('config');
    expect(error.name).toBe('WidgetConfigError');
    expect(error.option).toBe('data-endpoint');
    expect(error.message).toBe('data-endpoint must be an absolute http(s) URL, got "/feedback"');
  });

  it("a bad mountWidget option is caught by the schema's and the SDK's isConfigError", () => {
    const error = badOption();
    expect(isWidgetConfigError(error)).toBe(true);
    expect(isConfigError(error)).toBe(true);
    expect(isSdkConfigError(error)).toBe(true);
  });

  it('isWidgetConfigError refuses a plain ConfigError: not every bad option is a widget one', () => {
    expect(isWidgetConfigError(new ConfigError('endpoint is required'))).toBe(false);
  });
});
