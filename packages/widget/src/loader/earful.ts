/**
 * The script-tag loader (dist/earful.js, ≤ 1 KB gzip): plain DOM, no Preact. It reads its own
 * <script> tag, installs the `window.Earful(...)` command queue (replaying calls made before it
 * loaded), shows the launcher in a shadow root, and `import()`s the UI chunk of the visitor's
 * locale (`script/earful-ui-<locale>.js`, which carries everything else) on the first `open` or
 * when the browser is idle. It only peeks at the survey for the launcher's place; the chunk
 * checks the whole configuration and reports a bad one with ONE console.error naming the
 * attribute (see script/boot.ts). Nothing here is shared with the chunk: a shared module would
 * become a third request.
 */
type Queue = ArrayLike<unknown>[];
type Boot = (config: object, parts: object) => ((command: ArrayLike<unknown>) => void) | null;
type EarfulFn = ((...args: unknown[]) => void) & { q?: Queue; v?: number };

((w: Window & { Earful?: EarfulFn; requestIdleCallback?: (fn: () => void) => number }, d: Document) => {
  const script = d.currentScript as HTMLScriptElement | null;
  if (!script || w.Earful?.v) return;
  const data = script.dataset;
  const attribute = data.survey ?? '';
  let survey: any;
  try {
    survey = JSON.parse(attribute[0] == '#' ? d.getElementById(attribute.slice(1))!.textContent! : attribute);
  } catch {
    // A preset name, or bad JSON that the chunk will report.
  }
  const display = survey?.display ?? {};
  const host = d.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  const launcher = d.createElement('button');
  const [v, h] = (display.position ?? 'bottom-right').split('-');
  const inline = display.mode == 'inline';
  // Just enough style for the launcher; the chunk replaces it with the full sheet. Browsers
  // without constructable sheets show a plain button until then.
  if (root.adoptedStyleSheets) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      `button{position:fixed;z-index:2147483000;${v}:${(display.offset?.y ?? 20) | 0}px;${h}:${(display.offset?.x ?? 20) | 0}px;padding:10px 18px;border:0;border-radius:99px;background:var(--earful-accent,#0b57d0);color:#fff;font:600 15px/24px system-ui}`,
    );
    root.adoptedStyleSheets = [sheet];
  }
  const label = display.launcher?.label;
  launcher.textContent = label?.trim ? label : 'Feedback';
  launcher.hidden = display.launcher?.hidden;
  if (!inline) root.append(launcher);

  const queue: Queue = [...(w.Earful?.q ?? [])];
  let dispatch: ((command: ArrayLike<unknown>) => void) | null | undefined;
  let loading: Promise<void> | undefined;
  // Each chunk carries one locale: pick it by the rule of `resolveLocale` (src/i18n), written
  // again here in fewer bytes; test/i18n/loader-locale.test.ts holds the two to the same answers.
  const LOCALES = 'en ko lv te et de fr es pt ja zh-Hans ar he ru uk'.split(' ');
  const locale =
    [data.locale, d.documentElement.lang, ...navigator.languages]
      .map((tag) => {
        const text = `${tag}`.toLowerCase() + '-';
        const language = text.split(/[-_]/)[0];
        // Chinese: Simplified unless the tag says Traditional (Hant, TW, HK or MO, and not Hans).
        return language != 'zh' ? language : !/^(?!.*[-_]hans[-_]).*[-_](hant|tw|hk|mo)[-_]/.test(text) && 'zh-Hans';
      })
      .find((match) => LOCALES.includes(match as string)) || 'en';
  const url = script.src.replace(/[^/]*$/, `script/earful-ui-${locale}${survey?.trigger || survey?.targeting ? '-auto' : ''}.js`);
  const load = () =>
    // A failed import rejects visibly in the console with the chunk's URL; the page is unaffected.
    (loading ??= import(/* @vite-ignore */ url).then((chunk: { boot: Boot }) => {
      dispatch = chunk.boot({ ...data, nonce: script.nonce }, { host, root, launcher });
      queue.map((command) => dispatch?.(command));
    }));
  const earful: EarfulFn = (...args) => {
    if (dispatch) dispatch(args);
    else if (dispatch !== null) {
      queue.push(args);
      if (args[0] == 'open') load();
    }
  };
  earful.v = 1;
  w.Earful = earful;
  launcher.onclick = () => earful('open');
  const show = () => {
    if (!inline) d.body.append(host);
    (w.requestIdleCallback ?? setTimeout)(load);
  };
  d.body ? show() : d.addEventListener('DOMContentLoaded', show);
  if (queue.some((command) => command[0] == 'open')) load();
})(window, document);
