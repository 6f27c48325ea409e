/**
 * The error `mountWidget` throws for bad options: it names the option and shows the bad value.
 */
import { EarfulError } from '@earful/schema';

/**
 * Bad widget configuration (an option, a script-tag attribute, or a survey definition).
 *
 * @example
 * ```ts
 * try { mountWidget({ survey: 'nope' }); } catch (e) { if (isWidgetConfigError(e)) console.error(e.message); }
 * ```
 */
export class WidgetConfigError extends EarfulError {
  declare readonly code: 'config';
  /** The option or attribute at fault, such as `survey` or `data-endpoint`. */
  readonly option: string;
  constructor(option: string, message: string, options: { cause?: unknown } = {}) {
    super(`${option} ${message}`, { code: 'config', cause: options.cause });
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
export function isWidgetConfigError(value: unknown): value is WidgetConfigError {
  return value instanceof WidgetConfigError || (value instanceof Error && value.name === 'WidgetConfigError' && (value as { code?: unknown }).code === 'config');
}
