/**
 * Mounts the whole app in the test page over the fake receiver, with the fake EventSource, the
 * real styles (so axe checks real contrast) and a clean URL and storage.
 */
import { render } from 'preact';
import { createInboxApi } from '../../src/app/api/inbox-api.js';
import { createInboxState, type InboxState } from '../../src/app/state/inbox-state.js';
import { InboxApp } from '../../src/app/ui/InboxApp.js';
import '../../src/app/styles.css';
import { FakeEventSource, createFakeApi, type FakeApiOptions } from './fake-api.js';

export interface Mounted {
  api: ReturnType<typeof createFakeApi>;
  state: InboxState;
  host: HTMLElement;
  unmount(): void;
}

let current: Mounted | null = null;

export function mountApp(options: FakeApiOptions & { hash?: string; locale?: string; scheme?: 'light' | 'dark' } = {}): Mounted {
  current?.unmount();
  history.replaceState(null, '', `${location.pathname}${location.search}${options.hash ?? '#/cases'}`);
  localStorage.clear();
  if (options.locale) localStorage.setItem('earful-inbox-locale', options.locale);
  if (options.scheme) localStorage.setItem('earful-inbox-scheme', options.scheme);
  FakeEventSource.instances = [];
  const api = createFakeApi(options);
  const state = createInboxState({ api: createInboxApi({ fetch: api.fetch }), window, EventSource: FakeEventSource as unknown as typeof EventSource, liveRetryMs: 20 });
  const host = document.createElement('div');
  document.body.append(host);
  render(<InboxApp state={state} />, host);
  const mounted: Mounted = {
    api,
    state,
    host,
    unmount() {
      render(null, host);
      host.remove();
      if (current === mounted) current = null;
    },
  };
  current = mounted;
  return mounted;
}

/** The text of the element matching `selector` in the app, or `''`. */
export const textOf = (selector: string): string => document.querySelector(selector)?.textContent ?? '';
