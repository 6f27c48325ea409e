/**
 * The script-tag loader (dist/earful.js, ≤ 1 KB gzip): plain DOM, no Preact. It reads its own
 * <script> tag, installs the `window.Earful(...)` command queue (replaying calls made before it
 * loaded), shows the launcher in a shadow root, and `import()`s the UI chunk of the visitor's
 * locale (`script/earful-ui-<locale>.js`, which carries everything else) only when it is needed:
 * - on intent: pointer over, focus on or touch of the launcher, or `Earful('open')`, so a visitor
 *   who never reaches for the launcher downloads this file only;
 * - when the browser is idle, if the survey opens by itself (the `-auto` chunk), is inline,
 *   has `data-preload="idle"`, or the SDK's delivery queue holds responses from an earlier page
 *   (the chunk's client sends them).
 * It only peeks at the survey for the launcher's place; the chunk checks the whole configuration
 * and reports a bad one with ONE console.error naming the attribute (see script/boot.ts).
 * Nothing here is shared with the chunk: a shared module would become a third request. The few
 * rules it repeats in fewer bytes are held to their one home by tests: the locale
 * (test/i18n/loader-locale.test.ts), "opens by itself" and the queue's storage key
 * (test/loader.test.ts).
 */
// Matches a tag of SUPPORTED_LOCALES exactly: a RegExp literal put in by vite.config.ts.
declare const __EARFUL_LOCALES__: RegExp;
type Queue = ArrayLike<unknown>[];
/** The chunk's entry (script/boot.ts): takes over the loader's script, host and queue. */
type Boot = (script: HTMLScriptElement, host: HTMLElement, queue: Queue) => void;
type EarfulFn = ((...args: unknown[]) => void) & { q?: Queue; v?: number };

const w = window as Window & { Earful?: EarfulFn; requestIdleCallback?: (fn: () => void) => number };
const d = document;
const script = d.currentScript as HTMLScriptElement;
// Once per page, even when the tag is there twice. (The build wraps this file in a function.)
if (!w.Earful?.v) {
  const data = script.dataset;
  const attribute = data.survey!;
  let survey: any;
  try {
    survey = JSON.parse(attribute[0] == '#' ? d.querySelector(attribute)!.textContent! : attribute);
  } catch {
    // No attribute, a preset name, or bad JSON that the chunk will report.
  }
  const display = survey?.display ?? {};
  const host = d.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  const launcher = d.createElement('button');
  const [v, h] = (display.position ?? 'bottom-right').split('-');
  const inline = display.mode == 'inline';
  // Just enough style for the launcher, in the survey's accent; the chunk replaces it with the
  // full sheet (same look) on intent. Browsers without constructable sheets (the constructor
  // throws) show a plain button until then. The accent is the page author's own text (the chunk
  // checks it); at worst it spoils this sheet, which lives in our shadow root only.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      `button{position:fixed;z-index:999999999;${v}:${(display.offset?.y ?? 20) | 0}px;${h}:${(display.offset?.x ?? 20) | 0}px;padding:10px 18px;border:0;border-radius:99px;background:var(--earful-accent,${survey?.theme?.accent || '#0b57d0'});color:#fff;font:600 15px/24px system-ui}`,
    );
    root.adoptedStyleSheets = [sheet];
  } catch {}
  const label = display.launcher?.label;
  launcher.textContent = label?.trim ? label : 'Feedback';
  launcher.hidden = display.launcher?.hidden;
  if (!inline) root.append(launcher);

  // Opens by itself: the rule of src/reach/opens-by-itself.ts, in fewer bytes.
  const auto = survey?.targeting || (survey?.trigger?.type ?? 'manual') != 'manual';
  // Calls made before this script ran come first; an `open` among them loads the chunk at once.
  const queue: Queue = [...(w.Earful?.q ?? [])];
  let loading: Promise<void> | undefined;
  // Each chunk carries one locale: pick it by the rule of `resolveLocale` (src/i18n), written
  // again here in fewer bytes; test/i18n/loader-locale.test.ts holds the two to the same answers.
  const locale =
    [data.locale, d.documentElement.lang, ...navigator.languages]
      .map((tag) => {
        const text = (tag + '-').toLowerCase();
        const language = text.split(/[-_]/)[0];
        // Chinese: Traditional when the tag says so (Hant, TW, HK or MO, and not Hans).
        return language != 'zh' ? language : 'zh-Han' + (/^(?!.*[-_]hans[-_]).*[-_](hant|tw|hk|mo)[-_]/.test(text) ? 't' : 's');
      })
      .find((match) => __EARFUL_LOCALES__.test(match!)) || 'en';
  const load = () =>
    // Relative to this script's URL (import() in a classic script resolves against it). A failed
    // import rejects visibly in the console with the chunk's URL; the page is unaffected.
    (loading ??= import(/* @vite-ignore */ `./script/earful-ui-${locale}${auto ? '-auto' : ''}.js`).then((chunk: { boot: Boot }) =>
      chunk.boot(script, host, queue),
    ));
  // Until the chunk takes over, calls queue up; boot() replays them, then makes the queue's
  // `push` its dispatcher, so later calls go straight to the widget.
  const earful: EarfulFn = (...args) => {
    queue.push(args);
    if (args[0] == 'open') load();
  };
  earful.v = 1;
  w.Earful = earful;
  queue.map((command) => command[0] == 'open' && load());
  launcher.onclick = () => earful('open');
  // Intent: the chunk is on its way before the click lands. Pointer events cover mouse, pen and
  // touch (pointerover comes before touchstart), so no touch listener holds up the page's scrolling.
  launcher.onpointerover = launcher.onfocus = load;
  const show = () => {
    if (!inline) d.body.append(host);
    try {
      // A key of the SDK's delivery queue (`earful:<endpoint>:<id>`, sdk/src/internal/queue-key.ts):
      // responses an earlier page could not send. Storage may throw (blocked): then nothing of ours is there.
      if (auto || inline || data.preload == 'idle' || /earful:http/.test(Object.keys(localStorage) as any)) (w.requestIdleCallback ?? setTimeout)(load);
    } catch {}
  };
  d.body ? show() : d.addEventListener('DOMContentLoaded', show);
}

export {};
