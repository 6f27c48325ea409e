/**
 * Runs the BUILT dist/earful.js (run `pnpm build` first) in a bare VM context with a fake page,
 * and records what it does: the chunk URLs it `import()`s, whether it asked for an idle
 * callback, the handlers it put on the launcher, and what it hands to the chunk's `boot()`.
 * The loader repeats a few rules of the widget and the SDK in fewer bytes (the locale, "opens by
 * itself", the delivery queue's storage key); tests hold those copies to their one home with it.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

const LOADER = readFileSync(new URL('../../dist/earful.js', import.meta.url), 'utf8').replaceAll('import(', '__import(');

/** A page the loader runs on. */
export interface LoaderPage {
  dataSurvey?: string | undefined;
  /** Text of `<script type="application/json" id="block">`. */
  jsonBlock?: string | undefined;
  dataLocale?: string | undefined;
  dataEndpoint?: string | undefined;
  dataPreload?: string | undefined;
  htmlLang?: string | undefined;
  languages?: string[] | undefined;
  /** The page's localStorage (a `Storage`-like object, see {@link fakeStorage}), or `'blocked'` when reading it throws. */
  storage?: Storage | 'blocked' | undefined;
  /** `Earful(...)` calls the page made before the loader ran (the snippet's `Earful.q`). */
  early?: unknown[][] | undefined;
  /** A browser without constructable style sheets (`new CSSStyleSheet()` throws). */
  noConstructableSheets?: boolean | undefined;
}

/** What the loader did. */
export interface LoaderRun {
  /** Chunk URLs passed to `import()`, in order. */
  imports: string[];
  /** Idle callbacks the loader asked for; call them to let the browser go idle. */
  idle: (() => void)[];
  /** The launcher button's handlers as the loader set them. */
  launcher: { onclick?: () => void; onpointerover?: () => void; onfocus?: () => void; ontouchstart?: unknown; hidden?: boolean; textContent?: string };
  /** `window.Earful`. */
  earful: (...args: unknown[]) => void;
  /** The launcher's style sheet (what `replaceSync` got), when the page has constructable sheets. */
  css: string[];
  /** The arguments of each `boot()` call of the (fake) chunk, once its import resolved. */
  boots: [script: unknown, host: unknown, queue: unknown[][]][];
}

/** A `Storage` over a plain object: items are its own enumerable properties, as in browsers. */
export function fakeStorage(items: Record<string, string> = {}): Storage {
  const area = { ...items } as Record<string, string>;
  const keys = () => Object.keys(area);
  Object.defineProperties(area, {
    length: { get: () => keys().length },
    key: { value: (i: number) => keys()[i] ?? null },
    getItem: { value: (k: string) => (Object.hasOwn(area, k) ? area[k] : null) },
    setItem: { value: (k: string, v: string) => void (area[k] = String(v)) },
    removeItem: { value: (k: string) => void delete area[k] },
    clear: { value: () => keys().forEach((k) => delete area[k]) },
  });
  return area as unknown as Storage;
}

/** Runs the built loader on `page`. Chunk imports resolve (on the microtask queue) to a fake chunk whose `boot` is recorded. */
export function runLoader(page: LoaderPage = {}): LoaderRun {
  const imports: string[] = [];
  const idle: (() => void)[] = [];
  const boots: LoaderRun['boots'] = [];
  const css: string[] = [];
  const launcher: LoaderRun['launcher'] = {};
  const root = { append() {} };
  const element = (tag: string) => (tag === 'button' ? launcher : { attachShadow: () => root, shadowRoot: root });
  const dataset: Record<string, string> = {};
  for (const [key, value] of Object.entries({ survey: page.dataSurvey, locale: page.dataLocale, endpoint: page.dataEndpoint, preload: page.dataPreload })) {
    if (value !== undefined) dataset[key] = value;
  }
  const document = {
    currentScript: { dataset, src: 'https://cdn.example/earful/earful.js', nonce: '' },
    documentElement: { lang: page.htmlLang ?? '' },
    baseURI: 'https://shop.example/checkout/done',
    body: { append() {} },
    createElement: element,
    querySelector: (selector: string) => (selector === '#block' && page.jsonBlock !== undefined ? { textContent: page.jsonBlock } : null),
    addEventListener() {},
  };
  const stub = page.early ? Object.assign(() => {}, { q: page.early }) : undefined;
  const window: Record<string, unknown> = { requestIdleCallback: (fn: () => void) => idle.push(fn), Earful: stub };
  const context: Record<string, unknown> = {
    window,
    document,
    navigator: { languages: page.languages ?? [] },
    CSSStyleSheet: page.noConstructableSheets
      ? undefined
      : class {
          replaceSync(text: string) {
            css.push(text);
          }
        },
    __import: (url: string) => {
      imports.push(url);
      return Promise.resolve({ boot: (...args: LoaderRun['boots'][number]) => boots.push(args) });
    },
  };
  if (page.storage === 'blocked') {
    Object.defineProperty(context, 'localStorage', {
      get() {
        throw new Error('SecurityError: access to storage is denied');
      },
    });
  } else context.localStorage = page.storage ?? fakeStorage();
  runInNewContext(LOADER, context);
  return { imports, idle, launcher, earful: window.Earful as LoaderRun['earful'], boots, css };
}

/** The chunk file the loader imports for `page` when asked to open (`Earful('open')`). */
export function chunkOnOpen(page: LoaderPage): string {
  const run = runLoader(page);
  run.earful('open');
  if (run.imports.length !== 1) throw new Error(`expected one import, got ${JSON.stringify(run.imports)}`);
  const match = /^\.\/script\/(earful-ui-.+\.js)$/.exec(run.imports[0]!);
  if (!match) throw new Error(`unexpected chunk URL ${run.imports[0]}`);
  return match[1]!;
}
