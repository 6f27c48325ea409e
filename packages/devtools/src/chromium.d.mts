import type { Browser } from 'playwright-core';

/** Where findChromium() looks, in order: $EARFUL_CHROMIUM, $CHROME_PATH, then the usual install paths. */
export const CHROMIUM_CANDIDATES: ReadonlyArray<string | undefined>;
/** Flags that work on headless CI machines with a closed network. */
export const CHROMIUM_ARGS: string[];
/** Path of an installed Chromium, or throws an error that says how to install one. */
export function findChromium(candidates?: ReadonlyArray<string | undefined>): string;
/** Launch options for playwright-core's `chromium.launch()` and Vitest's playwright provider. */
export function chromiumLaunchOptions(): { executablePath: string; args: string[]; timeout: number };
/**
 * Launches the installed Chromium with playwright-core; `args` are added to CHROMIUM_ARGS. Rejects
 * at once with findChromium()'s message when there is none, and after 30 s if it will not start.
 */
export function launchChromium(options?: { args?: string[]; candidates?: ReadonlyArray<string | undefined> }): Promise<Browser>;
