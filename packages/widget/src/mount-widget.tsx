/**
 * `mountWidget()`: puts one survey on a page — a shadow host with the launcher, the panel as a
 * popover, a modal <dialog> in the top layer, or inline in a host element — and returns a handle
 * whose `unmount()` removes every node and listener it added. Nothing touches the DOM at import.
 */
import { render } from 'preact';
import type { ResponseUser, Survey, SurveyInput } from '@earful/schema';
import type { EarfulClient } from '@earful/sdk';
import { isRtl, type Translator } from './i18n/index.js';
import { makeTranslate, pickText } from './i18n/translate.js';
import type { Messages } from './locales/en.js';
import { loadReach, loadSdk, localeMessages, pickLocale } from './parts/lazy.js';
import { complaintSurvey, PRESET_NAMES, type PresetName } from './presets/complaint.js';
import type { ReachController } from './reach/index.js';
import { opensByItself } from './reach/opens-by-itself.js';
import { checkFlatRecord, isValidationError, surveyNeedsProblems } from '@earful/schema/lean';
import { applyStyles } from './ui/apply-styles.js';
import { FIRST_CONTROL, Panel } from './ui/Panel.js';
import { createStore, type Store, type SubmitEvent } from './ui/store.js';
import { WIDGET_CSS } from './ui/styles.js';
import { themeCss } from './ui/theme-css.js';
import { WidgetConfigError } from './widget-error.js';

/** The part of an SDK client the widget uses. */
export type WidgetClient = Pick<EarfulClient, 'submit'> & Partial<Pick<EarfulClient, 'on'>>;

/** Where the panel shows: floating launcher + popover, modal in the top layer, or inline. */
export type DisplayMode = 'launcher' | 'modal' | 'inline';

/** A small flat record the page sends as `metadata` with each response, such as `{ orderId: 'A-1001' }`. */
export type WidgetMetadata = Record<string, string | number | boolean>;

/** Options of {@link mountWidget}. Give `endpoint` or `client`. */
export interface MountWidgetOptions {
  /** The absolute URL responses are POSTed to (the widget makes an SDK client for it). */
  endpoint?: string;
  /** An SDK client the app already has (`createClient` from `@earful/sdk`). */
  client?: WidgetClient;
  /** A survey definition, or the name of a built-in preset (`'complaint'`). */
  survey: SurveyInput | Survey | PresetName;
  /** For inline mode: the host element, or a CSS selector of it (default `survey.display.target`). */
  target?: Element | string;
  /** Overrides `survey.display.mode`. */
  mode?: DisplayMode;
  /** The visitor's locale (default `<html lang>`, then the browser's). */
  locale?: string;
  /** Nonce for the `<style>` fallback where constructable style sheets are missing. */
  nonce?: string;
  /** Who is answering, sent with the response. */
  user?: ResponseUser;
  /** Sent as `metadata` with each response, such as `{ orderId: 'A-1001' }` (the contract's flat-record rules). */
  metadata?: WidgetMetadata;
  /** Called after each response is delivered or saved for later. */
  onSubmit?: (event: SubmitEvent) => void;
  /** Arm the survey's `trigger` and targeting rules (default true; false = open by hand only). */
  autoOpen?: boolean;
  /** Development help: warn on the console about `texts` keys that override nothing and words that fall back to English. */
  debug?: boolean;
  /** The document to mount in (default the global `document`). */
  document?: Document;
}

/** What {@link mountWidget} returns. */
export interface WidgetHandle {
  /** Opens the panel (focus moves into it). */
  open(): void;
  /** Closes the panel (focus returns to the launcher). */
  close(): void;
  /** Removes every node and listener the widget added. */
  unmount(): void;
  /** Sets who is answering (sent with the next response). */
  identify(user: ResponseUser): void;
  /**
   * Sets the `metadata` record sent with every later response, in place of the previous one
   * (`{}` sends none). An invalid record throws a {@link WidgetConfigError} saying what to fix,
   * and responses go without metadata until a valid one is set.
   */
  setMetadata(metadata: WidgetMetadata): void;
  /** Listens to an event; returns a function that stops listening. */
  on(event: 'submit', listener: (event: SubmitEvent) => void): () => void;
  /** Starts the survey over and forgets re-ask state. */
  reset(): void;
  /** Resolves when the panel is rendered (after the locale's messages loaded). */
  readonly ready: Promise<void>;
}

/** DOM nodes the script-tag loader already made; the chunk takes them over. @internal */
export interface LoaderNodes {
  host: HTMLElement;
  root: ShadowRoot;
  /** Absent for an inline survey (the loader makes no launcher for it). */
  launcher?: HTMLButtonElement | undefined;
}

function resolveSurvey(input: MountWidgetOptions['survey'], t: Translator): Survey {
  if (typeof input === 'string') {
    if ((PRESET_NAMES as readonly string[]).includes(input)) return complaintSurvey(t);
    throw new WidgetConfigError('survey', `must be a survey definition or a preset name (${PRESET_NAMES.join(', ')}), got ${JSON.stringify(input)}`);
  }
  const problems = surveyNeedsProblems(input);
  if (problems.length) {
    const list = problems.map((p) => `${p.path || '(root)'} ${p.message}`).join('; ');
    throw new WidgetConfigError('survey', `is not a valid survey definition: ${list}`);
  }
  return input as Survey;
}

/**
 * The page's `metadata` record, checked by the contract's rule for flat records: a copy (so a
 * later change of the page's object is not sent), or a WidgetConfigError saying what to fix.
 * A bad record is never sent: the receiver would refuse the whole response. @internal
 */
export function checkMetadata(input: unknown): WidgetMetadata {
  const result = checkFlatRecord(input, 'metadata');
  if (result.ok) return result.value;
  const problems = result.problems.map((p) => `${p.path} ${p.message}`).join('; ');
  throw new WidgetConfigError('metadata', `must be a flat record such as { orderId: "A-1001" } (${problems}); responses are sent without metadata until it is`);
}

/**
 * Mounts a survey widget and returns its handle.
 *
 * @example
 * ```ts
 * import { mountWidget } from '@earful/widget';
 * const widget = mountWidget({ endpoint: 'https://example.com/feedback', survey: 'complaint' });
 * document.querySelector('#help')?.addEventListener('click', () => widget.open());
 * ```
 */
export function mountWidget(options: MountWidgetOptions, nodes?: LoaderNodes): WidgetHandle {
  const doc = options.document ?? document;
  const win = doc.defaultView as Window & typeof globalThis;
  if (!options.client && !options.endpoint) throw new WidgetConfigError('endpoint', 'is required (or pass an SDK client as `client`), got nothing');
  const locale = pickLocale(options.locale, doc);
  const dir = isRtl(locale) ? 'rtl' : 'ltr';
  // Validate before touching the DOM: a bad survey adds nothing to the page.
  // (A preset is built again with the visitor's messages in start(); here it is only checked.)
  const checked = resolveSurvey(options.survey, makeTranslate(locale, {}));
  let metadata = options.metadata && checkMetadata(options.metadata);
  const given = typeof options.survey === 'string' ? undefined : checked;
  const display = given?.display;
  const mode: DisplayMode = options.mode ?? display?.mode ?? 'launcher';
  let inlineTarget: Element | null = null;
  if (mode === 'inline') {
    const target = options.target ?? display?.target;
    inlineTarget = typeof target === 'string' ? doc.querySelector(target) : (target ?? null);
    if (!inlineTarget) throw new WidgetConfigError('target', `must be an element or the selector of one for inline mode, got ${JSON.stringify(target ?? null)}`);
  }
  // The SDK and the reach code come from `parts/lazy.ts`: dynamic imports in the ESM build;
  // the script-tag chunk bundles them (`parts/bundled.ts`).
  let sdk: Promise<WidgetClient> | undefined;
  const loadClient = () =>
    (sdk ??= options.client
      ? Promise.resolve(options.client)
      : loadSdk().then((createLeanClient) => createLeanClient({ endpoint: options.endpoint!, locale })));
  const client: WidgetClient = {
    async submit(input) {
      const sdkClient = await loadClient();
      try {
        return await sdkClient.submit(input);
      } catch (error) {
        // A record within the rules can still take a long response past the 16 KB wire limit:
        // the answers matter more than the metadata, so they go without it.
        if (!input.metadata || !isValidationError(error)) throw error;
        console.error(`Earful: ${error.message}; sent without metadata`);
        const { metadata: _dropped, ...rest } = input;
        return sdkClient.submit(rest);
      }
    },
    // Registered before the submit that needs it (same promise): "Saved" turns "Thank you" on a later 2xx.
    on(event, listener) {
      let stop: (() => void) | undefined;
      void loadClient().then((c) => (stop = c.on?.(event, listener)), () => undefined);
      return () => stop?.();
    },
  };

  const ac = new AbortController();
  const { signal } = ac;
  const host = nodes?.host ?? doc.createElement('div');
  const root = nodes?.root ?? host.attachShadow({ mode: 'open' });
  host.setAttribute('data-earful', '');
  host.dataset.mode = mode;
  host.dataset.scheme = given?.theme?.scheme ?? 'auto';
  host.dataset.position = display?.position ?? 'bottom-right';
  host.dir = dir;
  const setDynamic = applyStyles(root, [WIDGET_CSS, themeCss(given?.theme, display)], options.nonce);

  const launcher = mode === 'inline' ? null : (nodes?.launcher ?? doc.createElement('button'));
  if (launcher) {
    launcher.type = 'button';
    launcher.className = 'launcher';
    launcher.setAttribute('part', 'launcher');
    launcher.setAttribute('aria-haspopup', 'dialog');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.hidden = display?.launcher?.hidden === true;
    if (!launcher.isConnected) root.append(launcher);
  }
  const container: HTMLElement =
    mode === 'modal' ? doc.createElement('dialog') : doc.createElement(mode === 'inline' ? 'section' : 'div');
  container.className = mode === 'launcher' ? 'popover' : mode;
  container.setAttribute('part', mode === 'modal' ? 'dialog' : mode === 'inline' ? 'inline' : 'popover');
  container.setAttribute('aria-labelledby', 'earful-title');
  if (mode === 'launcher') {
    container.setAttribute('role', 'dialog');
    container.hidden = true;
  }
  root.append(container);
  if (!host.isConnected) (inlineTarget ?? doc.body).append(host);

  const listeners = new Set<(event: SubmitEvent) => void>();
  if (options.onSubmit) listeners.add(options.onSubmit);
  let user = options.user;
  let store: Store | undefined;
  let reach: ReachController | undefined;
  let isOpen = mode === 'inline';
  let wantOpen = false;

  const onViewport = () => {
    const vv = win.visualViewport;
    setDynamic(vv ? `:host{--earful-vvh:${Math.round(vv.height)}px}` : '');
  };

  const focusFirst = () => (container.querySelector(FIRST_CONTROL) as HTMLElement | null)?.focus();

  const handle: WidgetHandle = {
    open() {
      if (!store) {
        wantOpen = true;
        return;
      }
      if (isOpen || signal.aborted) return;
      isOpen = true;
      onViewport();
      win.visualViewport?.addEventListener('resize', onViewport, { signal });
      if (container instanceof win.HTMLDialogElement) container.showModal();
      else container.hidden = false;
      launcher?.setAttribute('aria-expanded', 'true');
      focusFirst();
    },
    close() {
      wantOpen = false;
      if (!isOpen || mode === 'inline') return;
      isOpen = false;
      win.visualViewport?.removeEventListener('resize', onViewport);
      if (container instanceof win.HTMLDialogElement) container.close();
      else container.hidden = true;
      launcher?.setAttribute('aria-expanded', 'false');
      if (store && store.status.value !== 'delivered' && store.status.value !== 'queued') reach?.markDismissed();
      if (launcher && !launcher.hidden) launcher.focus();
    },
    unmount() {
      if (signal.aborted) return;
      handle.close();
      ac.abort();
      reach?.dispose();
      render(null, container);
      container.remove();
      host.remove();
      listeners.clear();
    },
    identify(next) {
      user = next;
      if (next.id) reach?.identify(next.id);
    },
    setMetadata(next) {
      // Cleared first: after a bad record none is sent, not an older one that may name another order.
      metadata = undefined;
      metadata = checkMetadata(next);
    },
    on(_event, listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset() {
      store?.reset();
      reach?.reset();
    },
    ready: Promise.resolve(),
  };

  launcher?.addEventListener('click', () => (isOpen ? handle.close() : handle.open()), { signal });
  container.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape' && mode === 'launcher') {
        event.preventDefault();
        handle.close();
      }
    },
    { signal },
  );
  // The modal's Escape arrives as `cancel`; route it through close() so focus and state follow.
  container.addEventListener(
    'cancel',
    (event) => {
      event.preventDefault();
      handle.close();
    },
    { signal },
  );

  const start = (messages: Partial<Messages>) => {
    if (signal.aborted) return;
    const t = makeTranslate(locale, messages, given?.texts, options.debug === true);
    const survey = given ?? resolveSurvey(options.survey, t);
    if (launcher) launcher.textContent = display?.launcher?.label ? pickText(display.launcher.label, locale) : t('launcher.open');
    store = createStore({
      survey,
      t,
      locale,
      dir,
      client,
      extra: () => ({
        context: {
          url: (win.location.origin + win.location.pathname).slice(0, 2048),
          viewport: { width: Math.round(win.innerWidth), height: Math.round(win.innerHeight) },
        },
        ...(user ? { user } : {}),
        // The widget adds no metadata of its own: the page's record goes as it is, if it has keys.
        ...(metadata && Object.keys(metadata).length ? { metadata } : {}),
      }),
      onSubmit: (event) => {
        reach?.markAnswered();
        for (const listener of listeners) {
          try {
            listener(event);
          } catch (error) {
            // A host page's listener must not break the widget.
            console.error(error);
          }
        }
      },
    });
    render(<Panel store={store} onClose={() => handle.close()} closable={mode !== 'inline'} />, container);
    if (wantOpen) handle.open();
    const idle = win.requestIdleCallback ?? win.setTimeout;
    // Deliver what an earlier page left queued, without waiting for this survey.
    if (!options.client) idle(() => void loadClient().catch(() => undefined));
    if (opensByItself(survey) && options.autoOpen !== false && mode !== 'inline') {
      void loadReach().then((createReachController) => {
        if (signal.aborted) return;
        reach = createReachController({ survey, window: win, open: () => handle.open(), ...(user?.id ? { visitorId: user.id } : {}) });
        reach.start();
      });
    }
  };

  const messages = localeMessages(locale);
  if (messages instanceof Promise) {
    (handle as { ready: Promise<void> }).ready = messages.then(start, () => start({}));
  } else start(messages);
  return handle;
}
