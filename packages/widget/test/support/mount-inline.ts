/**
 * Browser-test helper shared by the locale and theme screenshot tests: mounts one survey inline
 * through the public `mountWidget()` with a client that accepts everything, and unmounts all.
 */
import { mountWidget, type MountWidgetOptions, type WidgetHandle } from '../../src/mount-widget.js';
import { fakeClient } from './fake-client.js';

const client = fakeClient();
const mounted: Array<{ widget: WidgetHandle; target: HTMLElement }> = [];

/** Mounts `survey` inline in a 380 px wide box and waits until it has rendered. */
export async function mountInline(survey: MountWidgetOptions['survey'], locale: string, boxStyle = 'width:380px') {
  const target = document.createElement('div');
  target.style.cssText = boxStyle;
  document.body.append(target);
  const widget = mountWidget({ client, survey, mode: 'inline', target, locale, autoOpen: false });
  mounted.push({ widget, target });
  await widget.ready;
  const host = target.querySelector<HTMLElement>('[data-earful]');
  if (!host?.shadowRoot) throw new Error('mountWidget() put no shadow host inside the inline target');
  const root = host.shadowRoot;
  const panel = root.querySelector<HTMLElement>('.panel');
  if (!panel) throw new Error('the widget rendered no .panel');
  return { target, host, root, panel };
}

/** Unmounts every widget `mountInline` made and removes its box. */
export function unmountAll(): void {
  for (const { widget, target } of mounted.splice(0)) {
    widget.unmount();
    target.remove();
  }
}
