/**
 * End to end against the BUILT script-tag files (run `pnpm build` first): a loopback server
 * serves test pages, dist/earful.js and its chunks (gzipped, as a CDN would), and receives
 * responses. Chromium runs through playwright-core; a second Chromium maps `shop.test` to
 * loopback, so a page runs on a plain-http origin that is NOT a secure context (127.0.0.1 and
 * localhost are). Screenshots of each step land in test-results/ (git-ignored).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@earful/devtools/chromium';
import { serveFiles, serveLoopback, type Loopback } from '@earful/devtools/loopback';
import { parseResponse } from '@earful/schema';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const SHOTS = fileURLToPath(new URL('../test-results/', import.meta.url));
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

const received: unknown[] = [];
/** host + path of each response POST, beside `received`. */
const posts: string[] = [];
let server: Loopback;
let origin = '';
let port = 0;
let browser: Browser;
/** Chromium that resolves shop.test to 127.0.0.1: http://shop.test is not a secure context. */
let plainHttpBrowser: Browser;

const survey = {
  id: 'checkout',
  questions: [{ id: 'r', type: 'rating', scale: 'csat5', prompt: 'How was your order?' }],
  theme: { accent: '#0b57d0' },
};

function page(body: string, head = '', lang = 'en'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Test shop</title>${head}</head><body>${body}</body></html>`;
}

const loader = (survey: string, extra = '') => `<script async src="/dist/earful.js" data-endpoint="${origin}/feedback" data-survey='${survey}' ${extra}></script>`;

const PAGES: Record<string, () => { html: string; csp?: boolean }> = {
  '/shop.html': () => ({ html: page(`<h1>Test shop</h1><p>Your order has shipped.</p>${loader('complaint')}`) }),
  // Records layout shifts, long tasks, and when the loader defines window.Earful (a setter).
  '/perf.html': () => ({
    html: page(
      `<h1>Test shop</h1><p>Your order has shipped.</p><p>${'Some text. '.repeat(200)}</p>${loader('complaint')}`,
      `<script>window.__shifts=[];window.__long=[];
new PerformanceObserver(function(l){l.getEntries().forEach(function(e){__shifts.push(e.value)})}).observe({type:'layout-shift',buffered:true});
new PerformanceObserver(function(l){l.getEntries().forEach(function(e){__long.push([e.startTime,e.duration])})}).observe({type:'longtask',buffered:true});
var earful;Object.defineProperty(window,'Earful',{configurable:true,get:function(){return earful},set:function(v){earful=v;window.__definedAt=performance.now()}});</script>`,
    ),
  }),
  '/ko-delay.html': () => ({
    html: page(
      `<h1>주문 완료</h1>${loader(JSON.stringify({ ...survey, id: 'ko-delay', trigger: { type: 'delay', ms: 300 }, targeting: { include: [{ match: 'prefix', value: '/ko' }] } }))}`,
      '',
      'ko',
    ),
  }),
  '/csp.html': () => ({
    csp: true,
    html: page(
      `<h1>Strict CSP</h1><script type="application/json" id="survey">${JSON.stringify(survey)}</script>${loader('#survey')}`,
      '<script src="/probe.js"></script>',
    ),
  }),
  '/hostile.html': () => ({
    html: page(
      `<h1 id="title">Hostile</h1><p id="para">Host text</p><button id="host-button">Host</button>${loader('complaint')}`,
      '<style>* { all: unset } button { display: none !important } html { font-size: 7px; direction: rtl } p { color: rgb(200, 0, 0) }</style>',
    ),
  }),
  '/queued.html': () => ({
    html: page(
      `<script>window.Earful = window.Earful || function(){(Earful.q=Earful.q||[]).push(arguments)}; Earful('on', 'submit', function (e) { window.__submitted = e.status; }); Earful('identify', { id: 'u-42', traits: { plan: 'pro' } }); Earful('open');</script>${loader('complaint')}`,
    ),
  }),
  '/second-survey.html': () => ({
    html: page(
      `<script type="application/json" id="nps">${JSON.stringify({ id: 'nps', questions: [{ id: 'n', type: 'rating', scale: 'nps', prompt: 'Would you recommend us?' }], trigger: { type: 'delay', ms: 60000 } })}</script>${loader('complaint')}`,
    ),
  }),
  '/inline.html': () => ({
    html: page(
      `<h1>Inline</h1><div id="here"></div><script type="application/json" id="s">${JSON.stringify({ id: 'inline', questions: [{ id: 't', type: 'rating', scale: 'thumbs', prompt: 'Was this page helpful?' }], display: { mode: 'inline', target: '#here' } })}</script>${loader('#s')}`,
    ),
  }),
  // A launcher survey of one question: what a page view without intent, hover then click, and
  // an earlier visit's queued response are measured on.
  '/launcher.html': () => ({ html: page(`<h1>Order 1001</h1><p>Your order has shipped.</p>${loader(JSON.stringify(survey))}`) }),
  // `data-endpoint` relative to the page's base URL, as a form's action is: <base href="/api/"> + "feedback".
  '/relative.html': () => ({
    html: page(`<h1>Relative</h1><script async src="/dist/earful.js" data-endpoint="feedback" data-survey='${JSON.stringify({ ...survey, id: 'relative' })}'></script>`, '<base href="/api/">'),
  }),
  // Served on http://shop.test:<port>: not a secure context, so no crypto.randomUUID.
  '/plain-http.html': () => ({
    html: page(`<h1>Plain http shop</h1><script async src="/dist/earful.js" data-endpoint="/feedback" data-survey='${JSON.stringify({ ...survey, id: 'plain-http' })}'></script>`),
  }),
  '/bad-endpoint.html': () => ({ html: page(`<button id="b" onclick="this.textContent='still works'">Host</button><script async src="/dist/earful.js" data-endpoint="ftp://example.com/feedback" data-survey="complaint"></script>`) }),
  '/bad-survey.html': () => ({ html: page(`<button id="b" onclick="this.textContent='still works'">Host</button>${loader('{"id":"x","questions":[{"id":"r","type":"rating","scale":"stars10","prompt":"p"}]}')}`) }),
};

// Compressed like any CDN, so the transfer sizes (and throttled timings) are real ones.
const distFiles = serveFiles({ '/dist/': DIST }, { gzip: true });

beforeAll(async () => {
  if (!existsSync(join(DIST, 'earful.js'))) throw new Error('dist/earful.js is missing: run `pnpm --filter @earful/widget build` before the tests');
  mkdirSync(SHOTS, { recursive: true });
  server = await serveLoopback((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.endsWith('/feedback') && req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        posts.push(`${req.headers.host}${url.pathname}`);
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
      });
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/probe.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end("window.__violations=[];document.addEventListener('securitypolicyviolation',function(e){window.__violations.push(e.violatedDirective+' '+e.blockedURI)});");
      return;
    }
    const pageFn = PAGES[url.pathname];
    if (pageFn) {
      const { html, csp } = pageFn();
      res.writeHead(200, { 'content-type': 'text/html', ...(csp ? { 'content-security-policy': CSP } : {}) }).end(html);
      return;
    }
    distFiles(req, res);
  });
  ({ port, url: origin } = server);
  browser = await launchChromium();
  plainHttpBrowser = await launchChromium({ args: ['--host-resolver-rules=MAP shop.test 127.0.0.1'] });
});

afterAll(async () => {
  await browser?.close();
  await plainHttpBrowser?.close();
  await server?.close();
});

async function open(path: string, scheme: 'light' | 'dark' = 'light', reducedMotion: 'reduce' | 'no-preference' = 'no-preference'): ReturnType<typeof openIn> {
  const context = await browser.newContext({ colorScheme: scheme, reducedMotion, viewport: { width: 800, height: 700 } });
  return openIn(context, origin + path);
}

/** Opens `url` in a new page of `context`, recording errors and every script and other request. */
async function openIn(context: BrowserContext, url: string): Promise<{ page: Page; errors: string[]; scripts: string[]; requests: string[] }> {
  const p = await context.newPage();
  const errors: string[] = [];
  const scripts: string[] = [];
  const requests: string[] = [];
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('request', (r) => {
    const { pathname } = new URL(r.url());
    requests.push(`${r.method()} ${pathname}`);
    if (r.resourceType() === 'script') scripts.push(pathname);
  });
  await p.goto(url);
  return { page: p, errors, scripts, requests };
}

/** Waits until the page has been idle (requestIdleCallback fired, twice) and a little more. */
async function settle(p: Page): Promise<void> {
  await p.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => requestIdleCallback(() => setTimeout(resolve, 300)))));
}

/** In the page: clicks the launcher (a bare click: no pointer moves over it first) and resolves with the ms until the survey's first answer is on screen. */
function clickToSurvey(p: Page): Promise<number> {
  return p.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const root = document.querySelector('div')!.shadowRoot!;
        const start = performance.now();
        root.querySelector('button')!.click();
        const look = () => {
          const radio = document.querySelector('[data-earful]')?.shadowRoot?.querySelector('[role=radio]');
          if (radio && radio.getBoundingClientRect().height > 0) resolve(performance.now() - start);
          else if (performance.now() - start > 60_000) reject(new Error('no survey within 60 s'));
          else requestAnimationFrame(look);
        };
        look();
      }),
  );
}

describe('the built dist/earful.js, end to end', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`complaint flow (${scheme}): rate 1 → reason → details → consent + email → delivered, body passes parseResponse`, async () => {
      const before = received.length;
      const { page: p, errors, scripts } = await open('/shop.html', scheme);
      const shot = async (n: number, step: string) => p.screenshot({ path: join(SHOTS, `e2e-${scheme}-${n}-${step}.png`) });
      const launcher = p.getByRole('button', { name: 'Feedback' });
      await launcher.waitFor();
      await shot(1, 'launcher');
      await launcher.click();
      const rating = p.getByRole('radio', { name: 'Very unsatisfied' });
      await rating.waitFor();
      expect(scripts, 'script requests before the survey shows').toEqual(['/dist/earful.js', '/dist/script/earful-ui-en.js']);
      await shot(2, 'open');
      await rating.click();
      await shot(3, 'rated-1');
      await p.getByRole('button', { name: 'Next' }).click();
      await p.getByRole('checkbox', { name: 'Late delivery' }).check();
      await shot(4, 'reason');
      await p.getByRole('button', { name: 'Next' }).click();
      await p.getByRole('checkbox', { name: 'A refund' }).check();
      await p.getByRole('button', { name: 'Next' }).click();
      await p.getByRole('textbox', { name: 'Tell us more' }).fill('The parcel came a week late and the box was torn.');
      await shot(5, 'details');
      await p.getByRole('button', { name: 'Next' }).click();
      await p.getByRole('checkbox', { name: /you may contact me/ }).check();
      await p.getByRole('textbox', { name: 'Email' }).fill('min@example.com');
      await shot(6, 'contact');
      await p.getByRole('button', { name: 'Send' }).click();
      await p.getByRole('heading', { name: 'Thank you' }).waitFor();
      await shot(7, 'thank-you');
      expect(scripts, 'nothing more is fetched to send').toEqual(['/dist/earful.js', '/dist/script/earful-ui-en.js']);
      expect(received.length).toBe(before + 1);
      const response = parseResponse(received.at(-1));
      expect(response.surveyId).toBe('complaint');
      expect(response.answers).toEqual([
        { type: 'rating', questionId: 'rating', scale: 'csat5', value: 1 },
        { type: 'choice', questionId: 'reasons', values: ['late'] },
        { type: 'choice', questionId: 'remedy', values: ['refund'] },
        { type: 'text', questionId: 'details', value: 'The parcel came a week late and the box was torn.' },
        { type: 'contact', questionId: 'contact', consent: true, email: 'min@example.com' },
      ]);
      expect(response.context?.url).toBe(`${origin}/shop.html`);
      expect(errors).toEqual([]);
      await p.context().close();
    });
  }

  it('a Korean page with a delayed, targeted survey shows it by itself, in Korean, after 2 script requests', async () => {
    const before = received.length;
    const { page: p, errors, scripts } = await open('/ko-delay.html');
    const rating = p.getByRole('radio', { name: '매우 불만족' });
    await rating.waitFor();
    expect(scripts).toEqual(['/dist/earful.js', '/dist/script/earful-ui-ko-auto.js']);
    await p.screenshot({ path: join(SHOTS, 'ko-delay-open.png') });
    await rating.click();
    await p.getByRole('button', { name: '보내기', exact: true }).click();
    await p.getByRole('heading', { name: '감사합니다' }).waitFor();
    expect(received.length).toBe(before + 1);
    expect(parseResponse(received.at(-1))).toMatchObject({ surveyId: 'ko-delay', locale: 'ko', answers: [{ questionId: 'r', value: 1 }] });
    expect(scripts).toEqual(['/dist/earful.js', '/dist/script/earful-ui-ko-auto.js']);
    expect(errors).toEqual([]);
    await p.context().close();
  });

  it('under a strict CSP the widget is styled and causes zero securitypolicyviolation events', async () => {
    const { page: p, errors } = await open('/csp.html');
    const launcher = p.getByRole('button', { name: 'Feedback' });
    await launcher.waitFor();
    await launcher.click();
    await p.getByRole('radio', { name: 'Very unsatisfied' }).waitFor();
    await p.screenshot({ path: join(SHOTS, 'csp-open.png') });
    const styles = await p.evaluate(() => {
      const root = document.querySelector('[data-earful]')!.shadowRoot!;
      const s = (sel: string) => getComputedStyle(root.querySelector(sel)!);
      return { launcher: s('.launcher').backgroundColor, radius: s('.popover').borderRadius, radio: s('[role=radio]').minHeight };
    });
    expect(styles).toEqual({ launcher: 'rgb(11, 87, 208)', radius: '12px', radio: '44px' });
    expect(await p.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    expect(errors).toEqual([]);
    await p.context().close();
  });

  it('a hostile host page does not break the widget, and the widget does not change the host', async () => {
    const { page: p } = await open('/hostile.html');
    const hostStyle = () =>
      p.evaluate(() =>
        ['title', 'para', 'host-button'].map((id) => {
          const s = getComputedStyle(document.getElementById(id)!);
          return [s.display, s.fontSize, s.color, s.direction, s.position].join(' ');
        }),
      );
    const before = await hostStyle();
    const launcher = p.getByRole('button', { name: 'Feedback' });
    await launcher.waitFor();
    const box = (await launcher.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    await launcher.click();
    const radio = p.getByRole('radio', { name: 'Very unsatisfied' });
    await radio.waitFor();
    await p.screenshot({ path: join(SHOTS, 'hostile-open.png') });
    const inside = await p.evaluate(() => {
      const root = document.querySelector('[data-earful]')!.shadowRoot!;
      const radio = root.querySelector('[role=radio]')!;
      const s = getComputedStyle(radio);
      return { display: s.display, fontSize: getComputedStyle(root.querySelector('h2')!).fontSize, width: radio.getBoundingClientRect().width };
    });
    expect(inside.display).toBe('flex');
    expect(inside.fontSize).toBe('17px');
    expect(inside.width).toBeGreaterThanOrEqual(44);
    await radio.click();
    await p.getByRole('button', { name: 'Next' }).click();
    await p.getByRole('checkbox', { name: 'Late delivery' }).waitFor();
    expect(await hostStyle()).toEqual(before);
    await p.context().close();
  });

  it.each([
    ['no-preference', 'earful-in'],
    ['reduce', 'none'],
  ] as const)('prefers-reduced-motion: %s → panel animation %s', async (motion, animation) => {
    const { page: p } = await open('/shop.html', 'light', motion);
    await p.getByRole('button', { name: 'Feedback' }).click();
    await p.getByRole('radio', { name: 'Very unsatisfied' }).waitFor();
    const name = await p.evaluate(() => getComputedStyle(document.querySelector('[data-earful]')!.shadowRoot!.querySelector('.popover')!).animationName);
    expect(name).toBe(animation);
    await p.context().close();
  });

  // Layout shifts are asserted (deterministic). Long tasks depend on the machine's load, so, like
  // every speed budget here, they are printed, not asserted: the line must say "none overlap".
  it('loading the loader shifts no layout on the host page (and prints its long tasks)', async () => {
    const { page: p, errors, scripts } = await open('/perf.html');
    await p.getByRole('button', { name: 'Feedback' }).waitFor();
    await settle(p);
    // Intent: the chunk loads and takes over the launcher; settle a frame.
    await p.getByRole('button', { name: 'Feedback' }).hover();
    await p.waitForFunction(() => document.querySelector('[data-earful]')?.shadowRoot?.querySelector('.launcher') !== null);
    await p.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
    const perf = await p.evaluate(() => {
      const w = window as unknown as { __shifts: number[]; __long: [number, number][]; __definedAt?: number };
      const loader = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/dist/earful.js')) as PerformanceResourceTiming | undefined;
      const chunk = performance.getEntriesByType('resource').find((e) => e.name.includes('/script/earful-ui-')) as PerformanceResourceTiming | undefined;
      return { shifts: w.__shifts, long: w.__long, loaderArrived: loader?.responseEnd ?? null, definedAt: w.__definedAt ?? null, chunk: [chunk?.startTime, chunk?.responseEnd] };
    });
    expect(scripts).toEqual(['/dist/earful.js', '/dist/script/earful-ui-en.js']);
    expect(perf.shifts, 'layout shifts').toEqual([]);
    expect(perf.loaderArrived).not.toBeNull();
    expect(perf.definedAt).not.toBeNull();
    // Long tasks (≥ 50 ms, Chromium's definition) that overlap the loader's own run.
    const during = perf.long.filter(([start, duration]) => start < perf.definedAt! && start + duration > perf.loaderArrived!);
    console.log(
      `loader: arrived at ${perf.loaderArrived!.toFixed(1)} ms, defined window.Earful at ${perf.definedAt!.toFixed(1)} ms; ` +
        `long tasks overlapping it: ${during.length ? JSON.stringify(during) : 'none'}; ` +
        `chunk fetched ${perf.chunk.map((t) => t?.toFixed(1)).join('–')} ms; all long tasks on the page: ${perf.long.length ? JSON.stringify(perf.long) : 'none'}`,
    );
    expect(errors).toEqual([]);
    await p.context().close();
  });

  it('replays Earful(...) calls queued before the loader arrived', async () => {
    const { page: p } = await open('/queued.html');
    await p.getByRole('radio', { name: 'Very satisfied' }).click();
    await p.getByRole('button', { name: 'Next' }).click();
    await p.getByRole('button', { name: 'Send' }).click();
    await p.waitForFunction(() => (window as unknown as { __submitted?: string }).__submitted === 'delivered');
    expect(parseResponse(received.at(-1)).user).toEqual({ id: 'u-42', traits: { plan: 'pro' } });
    await p.context().close();
  });

  it("a second survey of the page with a trigger fetches reach after the first chunk, and opens", async () => {
    const { page: p, errors, scripts } = await open('/second-survey.html');
    await p.getByRole('button', { name: 'Feedback' }).waitFor();
    await p.evaluate(() => (window as unknown as { Earful: (...args: unknown[]) => void }).Earful('open', '#nps'));
    await p.getByText('Would you recommend us?').waitFor();
    await p.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/script\/reach-en\.[^/]+\.js$/.test(e.name)));
    expect(scripts.slice(0, 2)).toEqual(['/dist/earful.js', '/dist/script/earful-ui-en.js']);
    expect(scripts).toHaveLength(3);
    expect(scripts[2]).toMatch(/^\/dist\/script\/reach-en\.[\w-]+\.js$/);
    expect(errors).toEqual([]);
    await p.context().close();
  });

  it('inline mode from a JSON block renders inside the host element without a launcher', async () => {
    const { page: p, errors } = await open('/inline.html');
    await p.locator('#here [data-earful]').waitFor({ state: 'attached' });
    await p.getByRole('radio', { name: 'Thumbs up' }).waitFor();
    expect(await p.getByRole('button', { name: 'Feedback' }).count()).toBe(0);
    await p.screenshot({ path: join(SHOTS, 'inline.png') });
    expect(errors).toEqual([]);
    await p.context().close();
  });

  it.each([
    ['/bad-endpoint.html', /^Earful: data-endpoint must be an http\(s\) URL.*got "ftp:\/\/example\.com\/feedback"/],
    ['/bad-survey.html', /^Earful: data-survey: .*questions\[0\]\.scale/],
  ])('%s: one console.error naming the attribute (when the chunk loads, on intent), and the page keeps working', async (path, message) => {
    const { page: p, errors } = await open(path);
    await p.getByRole('button', { name: 'Feedback' }).hover();
    await p.waitForFunction(() => !document.querySelector('[data-earful]') && (window as unknown as { Earful?: unknown }).Earful);
    await p.waitForTimeout(100);
    await p.click('#b');
    expect(await p.textContent('#b')).toBe('still works');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    await p.context().close();
  });
  it('a page view without intent downloads the loader only: no chunk, not even when idle', async () => {
    const { page: p, errors, requests } = await open('/launcher.html');
    await p.getByRole('button', { name: 'Feedback' }).waitFor();
    await settle(p);
    expect(requests).toEqual(['GET /launcher.html', 'GET /dist/earful.js']);
    const transferred = await p.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, (e as PerformanceResourceTiming).transferSize] as const),
    );
    console.log(`page view without intent: ${transferred.filter(([path]) => path.startsWith('/dist/')).map(([path, bytes]) => `${path} ${bytes} B transferred (gzip body + headers)`).join(', ')}`);
    expect(errors).toEqual([]);
    await p.context().close();
  });

  it('hover fetches the chunk, the click then shows the survey: 2 script requests', async () => {
    const { page: p, errors, scripts } = await open('/launcher.html');
    const launcher = p.getByRole('button', { name: 'Feedback' });
    await launcher.waitFor();
    await settle(p);
    expect(scripts).toEqual(['/dist/earful.js']);
    await launcher.hover();
    await p.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/script/earful-ui-en.js') && (e as PerformanceResourceTiming).responseEnd > 0));
    expect(scripts).toEqual(['/dist/earful.js', '/dist/script/earful-ui-en.js']);
    expect(await p.getByRole('radio').count(), 'nothing opens on hover').toBe(0);
    await launcher.click();
    await p.getByRole('radio', { name: 'Very unsatisfied' }).waitFor();
    expect(scripts).toEqual(['/dist/earful.js', '/dist/script/earful-ui-en.js']);
    expect(errors).toEqual([]);
    await p.context().close();
  });

  it('on a touch screen one tap fetches the chunk and opens the survey (pointer events, no touch listener)', async () => {
    const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
    const { page: p, errors, scripts } = await openIn(context, `${origin}/launcher.html`);
    const launcher = p.getByRole('button', { name: 'Feedback' });
    await launcher.waitFor();
    await settle(p);
    expect(scripts).toEqual(['/dist/earful.js']);
    await launcher.tap();
    await p.getByRole('radio', { name: 'Very unsatisfied' }).waitFor();
    expect(scripts).toEqual(['/dist/earful.js', '/dist/script/earful-ui-en.js']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a response queued on an earlier visit (offline): the next page view fetches the chunk when idle and delivers it', async () => {
    const before = received.length;
    const context = await browser.newContext();
    const first = await openIn(context, `${origin}/launcher.html`);
    // The chunk arrives on hover; then the network goes away before the answer is sent.
    await first.page.getByRole('button', { name: 'Feedback' }).hover();
    await first.page.waitForFunction(() => document.querySelector('[data-earful]')?.shadowRoot?.querySelector('.launcher'));
    await context.setOffline(true);
    await first.page.getByRole('button', { name: 'Feedback' }).click();
    await first.page.getByRole('radio', { name: 'Very unsatisfied' }).click();
    await first.page.getByRole('button', { name: 'Send', exact: true }).click();
    await first.page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('earful:http')));
    await first.page.close();
    expect(received.length).toBe(before);
    await context.setOffline(false);
    // The next visit: no hover, no click.
    const second = await openIn(context, `${origin}/launcher.html`);
    await second.page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('earful:http')), undefined, { timeout: 15_000 });
    expect(second.scripts).toEqual(['/dist/earful.js', '/dist/script/earful-ui-en.js']);
    expect(received.length).toBe(before + 1);
    expect(parseResponse(received.at(-1))).toMatchObject({ surveyId: 'checkout', answers: [{ questionId: 'r', value: 1 }] });
    expect(second.errors).toEqual([]);
    await context.close();
  });

  it('a relative data-endpoint is resolved against the page\'s base URL, as a form action is', async () => {
    const before = received.length;
    const { page: p, errors } = await open('/relative.html');
    await p.getByRole('button', { name: 'Feedback' }).click();
    await p.getByRole('radio', { name: 'Very satisfied' }).click();
    await p.getByRole('button', { name: 'Send', exact: true }).click();
    await p.getByRole('heading', { name: 'Thank you' }).waitFor();
    expect(received.length).toBe(before + 1);
    expect(posts.at(-1)).toBe(`127.0.0.1:${port}/api/feedback`);
    expect(parseResponse(received.at(-1)).surveyId).toBe('relative');
    expect(errors).toEqual([]);
    await p.context().close();
  });

  it('works on a plain-http page that is not a secure context (no crypto.randomUUID): submit delivers', async () => {
    const before = received.length;
    const context = await plainHttpBrowser.newContext();
    const { page: p, errors, scripts } = await openIn(context, `http://shop.test:${port}/plain-http.html`);
    expect(await p.evaluate(() => [isSecureContext, typeof crypto.randomUUID])).toEqual([false, 'undefined']);
    await p.getByRole('button', { name: 'Feedback' }).click();
    await p.getByRole('radio', { name: 'Very unsatisfied' }).click();
    await p.getByRole('button', { name: 'Send', exact: true }).click();
    await p.getByRole('heading', { name: 'Thank you' }).waitFor();
    await p.screenshot({ path: join(SHOTS, 'plain-http-thank-you.png') });
    expect(scripts).toEqual(['/dist/earful.js', '/dist/script/earful-ui-en.js']);
    expect(received.length).toBe(before + 1);
    expect(posts.at(-1)).toBe(`shop.test:${port}/feedback`);
    expect(parseResponse(received.at(-1))).toMatchObject({ surveyId: 'plain-http', context: { url: `http://shop.test:${port}/plain-http.html` } });
    expect(errors).toEqual([]);
    await context.close();
  });

  // Printed, not asserted: timings depend on the machine. Chrome DevTools' "Slow 4G" preset.
  it('prints click-to-survey on Slow 4G, with and without the hover prefetch', async () => {
    const SLOW_4G = { offline: false, downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((750 * 1000) / 8) * 0.9, latency: 150 * 3.75 };
    const HOVER_TO_CLICK_MS = 300;
    const times: Record<string, number[]> = { 'no prefetch': [], [`hover ${HOVER_TO_CLICK_MS} ms before the click`]: [] };
    for (let run = 0; run < 2; run++) {
      for (const [label, list] of Object.entries(times)) {
        const context = await browser.newContext();
        const p = await context.newPage();
        const cdp = await context.newCDPSession(p);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
        await p.goto(`${origin}/launcher.html`);
        await p.getByRole('button', { name: 'Feedback' }).waitFor();
        await settle(p);
        if (label !== 'no prefetch') {
          await p.getByRole('button', { name: 'Feedback' }).hover();
          await p.waitForTimeout(HOVER_TO_CLICK_MS);
        }
        list.push(await clickToSurvey(p));
        await context.close();
      }
    }
    console.log(`click to survey on screen, Slow 4G (${SLOW_4G.latency} ms RTT): ${Object.entries(times).map(([label, list]) => `${label}: ${list.map((t) => `${Math.round(t)} ms`).join(', ')}`).join('; ')}`);
    for (const list of Object.values(times)) expect(list).toHaveLength(2);
  });
});
