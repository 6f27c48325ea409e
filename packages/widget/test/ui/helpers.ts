/** Test helpers for mounting the widget in Chromium with a fake SDK client. */
import type { SurveyInput } from '@earful/schema';
import axe from 'axe-core';
import { mountWidget, type MountWidgetOptions, type WidgetHandle } from '../../src/mount-widget.js';
import { fakeClient } from '../support/fake-client.js';

export interface Mounted {
  widget: WidgetHandle;
  host: HTMLElement;
  root: ShadowRoot;
  client: ReturnType<typeof fakeClient>;
  $: <E extends Element = HTMLElement>(selector: string) => E;
  $$: <E extends Element = HTMLElement>(selector: string) => E[];
}

const mounted: WidgetHandle[] = [];

/** Mounts a widget with a fake client; `cleanup()` unmounts all. */
export function mount(survey: SurveyInput | 'complaint', options: Partial<MountWidgetOptions> = {}): Mounted {
  const client = fakeClient();
  const before = new Set(document.querySelectorAll('[data-earful]'));
  const widget = mountWidget({ client, survey, autoOpen: false, ...options });
  mounted.push(widget);
  const host = [...document.querySelectorAll<HTMLElement>('[data-earful]')].find((h) => !before.has(h))!;
  const root = host.shadowRoot!;
  return {
    widget,
    host,
    root,
    client,
    $: (selector) => {
      const el = root.querySelector(selector);
      if (!el) throw new Error(`no ${selector} in the widget`);
      return el as never;
    },
    $$: (selector) => [...root.querySelectorAll(selector)] as never,
  };
}

export function cleanup(): void {
  for (const w of mounted.splice(0)) w.unmount();
}

/** Waits until `check` passes (bounded: 100 tries, 20 ms apart). */
export async function until(check: () => unknown, what = 'condition'): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if (check()) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** axe-core on the widget's host (axe walks open shadow roots); returns readable violations. */
export async function axeViolations(host: Element): Promise<string[]> {
  const result = await axe.run(host, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join(', ')}`);
}

/** A survey with every question type and every rating scale. */
export function everyTypeSurvey(label = (s: string) => s): SurveyInput {
  const scales = ['csat5', 'stars5', 'emoji5', 'nps', 'thermometer4', 'thumbs', 'ces7'] as const;
  return {
    id: 'every-type',
    title: label('Every type'),
    questions: [
      ...scales.map((scale) => ({ id: scale, type: 'rating' as const, scale, prompt: label(`Rate on ${scale}`) })),
      { id: 'text', type: 'text', prompt: label('Tell us more'), placeholder: label('Type here'), maxLength: 20 },
      { id: 'single', type: 'choice', prompt: label('Pick one'), options: [{ id: 'a', label: label('Option A') }, { id: 'b', label: label('Option B') }], other: { label: label('Other') } },
      { id: 'multi', type: 'choice', multiple: true, prompt: label('Pick some'), options: [{ id: 'a', label: label('Option A') }, { id: 'b', label: label('Option B') }], other: true },
      { id: 'contact', type: 'contact', prompt: label('May we contact you?'), fields: ['email', 'phone', 'name'], consentLabel: label('Yes, contact me') },
    ],
  };
}
