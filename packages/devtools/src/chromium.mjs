// Finds the Chromium that browser tests drive. No test tool may download its own browser here,
// so this looks for an installed one and fails fast with a message that says how to get it.
import { existsSync } from 'node:fs';

/** Where to look, in order: the environment first, then the usual install paths. */
export const CHROMIUM_CANDIDATES = [
  process.env.EARFUL_CHROMIUM,
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags that work on headless CI machines with a closed network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// A browser that has not started in this time will not: fail the suite rather than hang it.
const LAUNCH_TIMEOUT_MS = 30_000;

/** Path of an installed Chromium, or throws an error that says how to install one. */
export function findChromium(candidates = CHROMIUM_CANDIDATES) {
  for (const path of candidates) if (path && existsSync(path)) return path;
  throw new Error(
    'No Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`; ' +
      'macOS: install Google Chrome) or point EARFUL_CHROMIUM at its binary. Looked in: ' +
      candidates.filter(Boolean).join(', '),
  );
}

/** Launch options for playwright-core's `chromium.launch()` and Vitest's playwright provider. */
export function chromiumLaunchOptions() {
  return { executablePath: findChromium(), args: CHROMIUM_ARGS, timeout: LAUNCH_TIMEOUT_MS };
}

/**
 * Launches the installed Chromium with playwright-core. `args` are added to CHROMIUM_ARGS. Rejects
 * at once with findChromium()'s message when there is none, and after 30 s if it will not start.
 */
export async function launchChromium({ args = [], candidates } = {}) {
  const executablePath = findChromium(candidates);
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...args], timeout: LAUNCH_TIMEOUT_MS });
}
