/**
 * The error `mountWidget` throws for bad options: it names the option and shows the bad value.
 * It is a `ConfigError`, so one `isConfigError()` check catches a bad option from any package.
 */
import { ConfigError, errorGuard } from '@earful/schema/lean';

/**
 * Bad widget configuration (an option, a script-tag attribute, or a survey definition). A
 * `ConfigError` (code `'config'`) that also names the option at fault.
 *
 * @example
 * ```ts
 * try { mountWidget({ survey: 'nope' }); } catch (e) { if (isWidgetConfigError(e)) console.error(e.message); }
 * ```
 */
export class WidgetConfigError extends ConfigError {
  /** The option or attribute at fault, such as `survey` or `data-endpoint`. */
  readonly option: string;
  constructor(option: string, message: string, options: { cause?: unknown } = {}) {
    super(`${option} ${message}`, options);
    this.name = 'WidgetConfigError';
    this.option = option;
  }
}

/**
 * True for a {@link WidgetConfigError}, also from another copy of the package (matched by name).
 *
 * @example
 * ```ts
 * if (isWidgetConfigError(error)) console.error(error.option, error.message);
 * ```
 */
export const isWidgetConfigError = /* @__PURE__ */ errorGuard(WidgetConfigError, 'WidgetConfigError');
