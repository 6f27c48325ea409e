/**
 * How messages show a value they did not expect: a bad option as JSON where it has one (strings
 * quoted, `undefined` as is), and a caught error as `Name: message`.
 */
export const describeValue = (value: unknown): string => JSON.stringify(value) ?? String(value);

export const describeCause = (cause: unknown): string => (cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));
