/**
 * The UI chunk's entry for the script-tag build: the loader `import()`s this file and hands over
 * its <script> (attributes and nonce), its shadow host (with the launcher inside) and its queue
 * of `Earful(...)` calls; from then on every call comes here. The whole configuration is checked
 * here, and a bad one ends in ONE console.error naming the attribute and what was expected; the
 * host page keeps working.
 */
import type { ResponseUser } from '@earful/schema';
import { checkMetadata, mountWidget, type MountWidgetOptions, type WidgetHandle, type WidgetMetadata } from '../mount-widget.js';
import { PRESET_NAMES } from '../presets/complaint.js';
import type { SubmitEvent } from '../ui/store.js';
import { WidgetConfigError } from '../widget-error.js';

/** The loader's script-tag attributes (its `dataset`, plus the script's nonce), unparsed. */
export interface LoaderConfig {
  endpoint?: string | undefined;
  survey?: string | undefined;
  locale?: string | undefined;
  nonce?: string | undefined;
  /** `data-debug` (any value): development warnings on the console. */
  debug?: string | undefined;
}

/** One queued `Earful(...)` call. */
export type Command = ArrayLike<unknown>;

const EXPECTED_SURVEY = `inline JSON, the "#id" of a <script type="application/json">, or a preset name (${PRESET_NAMES.join(', ')})`;
const ATTRIBUTES: Record<string, string> = { survey: 'data-survey', endpoint: 'data-endpoint', locale: 'data-locale' };

/** Reads `data-survey`: inline JSON, `#id` of a JSON block, or a preset name. */
export function readSurveyAttribute(value: string, doc: Document): MountWidgetOptions['survey'] {
  let text = value;
  if (text.startsWith('#')) {
    const block = doc.getElementById(text.slice(1));
    if (!(block instanceof doc.defaultView!.HTMLScriptElement) || block.type !== 'application/json') {
      throw new WidgetConfigError('data-survey', `must be ${EXPECTED_SURVEY}; no <script type="application/json" id="${text.slice(1)}"> found, got ${JSON.stringify(value)}`);
    }
    text = block.textContent ?? '';
  }
  if (/^\s*\{/.test(text)) {
    try {
      return JSON.parse(text) as MountWidgetOptions['survey'];
    } catch (error) {
      throw new WidgetConfigError('data-survey', `must be valid JSON (${(error as Error).message})`, { cause: error });
    }
  }
  if ((PRESET_NAMES as readonly string[]).includes(text.trim())) return text.trim() as MountWidgetOptions['survey'];
  throw new WidgetConfigError('data-survey', `must be ${EXPECTED_SURVEY}, got ${JSON.stringify(value.slice(0, 80))}`);
}

/**
 * Checks the loader's attributes and turns them into `mountWidget` options. `data-endpoint` may
 * be relative (`/api/feedback`): like a form's `action`, it is resolved against the page's base
 * URL (`document.baseURI`, which a `<base href>` changes), and the SDK gets the absolute URL.
 */
export function optionsFromAttributes(config: LoaderConfig, doc: Document): MountWidgetOptions {
  let endpoint = '';
  try {
    // An empty attribute would resolve to the page itself: it is as missing as no attribute.
    const url = new URL(config.endpoint || 'x:', doc.baseURI);
    if (/^https?:$/.test(url.protocol)) endpoint = url.href;
  } catch {
    // not a URL
  }
  if (!endpoint) throw new WidgetConfigError('data-endpoint', `must be an http(s) URL, absolute or relative to the page, such as "/api/feedback", got ${JSON.stringify(config.endpoint?.slice(0, 200) ?? null)}`);
  if (config.locale && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(config.locale)) {
    throw new WidgetConfigError('data-locale', `must be a language tag such as "en" or "ko-KR", got ${JSON.stringify(config.locale)}`);
  }
  return {
    endpoint,
    survey: readSurveyAttribute(config.survey ?? '', doc),
    document: doc,
    ...(config.locale ? { locale: config.locale } : {}),
    ...(config.nonce ? { nonce: config.nonce } : {}),
    ...(config.debug !== undefined ? { debug: true } : {}),
  };
}

/**
 * Mounts the widget into the loader's host, replays the calls the loader queued, then makes the
 * queue's `push` the dispatcher (the loader pushes every later call). A bad configuration ends
 * in one console.error, the host is removed and later calls are dropped.
 */
export function boot(script: HTMLScriptElement, host: HTMLElement, queue: Command[]): void {
  let widget: WidgetHandle;
  let base: MountWidgetOptions;
  const report = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // The error comes from this chunk's own mountWidget: instanceof is enough, no guard shipped.
    const option = error instanceof WidgetConfigError ? error.option : '';
    console.error(`Earful: ${ATTRIBUTES[option] ? `${ATTRIBUTES[option]}: ${message}` : message}`);
  };
  const root = host.shadowRoot!;
  const launcher = root.querySelector('button') ?? undefined;
  // The loader's own handlers only queued commands and fetched this chunk; from now on the
  // widget listens itself.
  if (launcher) launcher.onclick = launcher.onpointerover = launcher.onfocus = null;
  try {
    base = optionsFromAttributes({ ...script.dataset, nonce: script.nonce }, host.ownerDocument);
    widget = mountWidget(base, { host, root, launcher });
  } catch (error) {
    host.remove();
    report(error);
    queue.push = () => 0;
    return;
  }
  // `Earful('open', '#nps')` opens another survey of the page (a JSON block, a preset, or an
  // object) with the same endpoint and visitor; each is mounted once, on first use.
  const others = new Map<unknown, WidgetHandle>();
  const widgets = () => [widget, ...others.values()];
  let user: ResponseUser | undefined;
  let metadata: WidgetMetadata | undefined;
  const listeners: ((event: SubmitEvent) => void)[] = [];
  const surveyWidget = (survey: unknown): WidgetHandle | undefined => {
    if (survey === undefined) return widget;
    let other = others.get(survey);
    if (!other) {
      try {
        const definition = typeof survey === 'string' ? readSurveyAttribute(survey, host.ownerDocument) : (survey as MountWidgetOptions['survey']);
        other = mountWidget({ ...base, survey: definition });
      } catch (error) {
        report(error);
        return undefined;
      }
      if (user) other.identify(user);
      if (metadata) other.setMetadata(metadata);
      for (const listener of listeners) other.on('submit', listener);
      others.set(survey, other);
    }
    return other;
  };
  const dispatch = (command: Command) => {
    const [name, a, b] = Array.from(command);
    if (name === 'open') surveyWidget(a)?.open();
    else if (name === 'close') widgets().forEach((w) => w.close());
    else if (name === 'reset') widgets().forEach((w) => w.reset());
    else if (name === 'identify' && typeof a === 'object' && a !== null) {
      user = a as ResponseUser;
      widgets().forEach((w) => w.identify(user!));
    } else if (name === 'metadata') {
      // Checked once here, so a bad record is reported once, and every survey drops it.
      try {
        metadata = checkMetadata(a);
      } catch (error) {
        metadata = {};
        report(error);
      }
      widgets().forEach((w) => w.setMetadata(metadata!));
    } else if (name === 'on' && a === 'submit' && typeof b === 'function') {
      listeners.push(b as (event: SubmitEvent) => void);
      widgets().forEach((w) => w.on('submit', b as (event: SubmitEvent) => void));
    } else console.error(`Earful: unknown command ${JSON.stringify(name)}; use open, close, identify, metadata, on('submit', fn) or reset`);
  };
  queue.forEach(dispatch);
  queue.push = (...commands) => {
    commands.forEach(dispatch);
    return 0;
  };
}
