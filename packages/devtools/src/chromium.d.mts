/** Flags that work on headless CI machines with a closed network. */
export const CHROMIUM_ARGS: string[];
/** Path of an installed Chromium, or throws an error that says how to install one. */
export function findChromium(): string;
/** Launch options for playwright-core's `chromium.launch()` and Vitest's playwright provider. */
export function chromiumLaunchOptions(): { executablePath: string; args: string[]; timeout: number };
