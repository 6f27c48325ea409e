import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium, launchChromium } from '../src/chromium.mjs';

const MISSING = ['/nonexistent/earful-test/chromium'];
const installed = (() => {
  try {
    return Boolean(findChromium());
  } catch {
    return false;
  }
})();

describe('findChromium', () => {
  it('names the install command, the variable to set and where it looked when there is none', () => {
    expect(() => findChromium(MISSING)).toThrow('sudo apt-get install -y chromium');
    expect(() => findChromium(MISSING)).toThrow('point EARFUL_CHROMIUM at its binary');
    expect(() => findChromium(MISSING)).toThrow('Looked in: /nonexistent/earful-test/chromium');
  });

  it('returns the first candidate that exists', () => {
    expect(findChromium([undefined, ...MISSING, process.execPath])).toBe(process.execPath);
  });
});

describe('launchChromium', () => {
  it('rejects at once with the finder message when there is no browser', async () => {
    const started = Date.now();
    await expect(launchChromium({ candidates: MISSING })).rejects.toThrow('No Chromium found for the browser tests');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  // A browser start takes seconds on a busy machine; launchChromium() itself gives up after 30 s.
  it.skipIf(!installed)('launches the installed Chromium with the CI flags plus the given ones', { timeout: 60_000 }, async () => {
    const browser = await launchChromium({ args: ['--host-resolver-rules=MAP shop.test 127.0.0.1'] });
    try {
      const page = await browser.newPage();
      expect(await page.evaluate(() => navigator.userAgent)).toContain('HeadlessChrome');
    } finally {
      await browser.close();
    }
    expect(CHROMIUM_ARGS).toContain('--headless');
  });
});
