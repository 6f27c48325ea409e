/**
 * Used by: the script-tag chunks, as their `@preact/signals` (vite.config.ts aliases the package
 * to this file for that build only; the ESM library keeps the real one). The widget uses signals
 * in one way: components read `signal.value` while rendering and the store writes it. That needs no graph of computed values
 * and effects (2.7 KB gzip of `@preact/signals` + its core), only this: a signal remembers the
 * components that read it during their last render and re-renders them when it changes.
 * Exports exactly what the widget imports; a missing export fails the chunk's build.
 */
import { options, type Component, type VNode } from 'preact';

/** A value that re-renders the components reading it. */
export interface Signal<T> {
  value: T;
  /** The value, without subscribing the rendering component. */
  peek(): T;
}

type Hook = (vnode: VNode) => void;
// `__r` is Preact's mangled `_render` hook: called with a component's vnode right before it
// renders (preact/hooks and @preact/signals use it the same way); `__c` is the vnode's component.
const hooks = options as typeof options & { __r?: Hook };
let rendering: Component | undefined;
const beforeRender = hooks.__r;
hooks.__r = (vnode) => {
  rendering = (vnode as VNode & { __c?: Component }).__c;
  beforeRender?.(vnode);
};
const afterDiff = hooks.diffed;
// Reads after a component's render (event handlers, effects) subscribe nothing.
hooks.diffed = (vnode) => {
  rendering = undefined;
  afterDiff?.(vnode);
};

/**
 * A signal holding `value`.
 *
 * @example
 * ```ts
 * const count = signal(0);
 * const Counter = () => <button onClick={() => count.value++}>{count.value}</button>;
 * ```
 */
export function signal<T>(value: T): Signal<T> {
  // Readers subscribe again on each render: a component that stopped reading (or unmounted) is
  // asked to render once more at the next change (a no-op once unmounted), then dropped.
  let readers = new Set<Component>();
  return {
    get value() {
      if (rendering) readers.add(rendering);
      return value;
    },
    set value(next) {
      if (Object.is(next, value)) return;
      value = next;
      const stale = readers;
      readers = new Set();
      // Preact batches these into one render per component, after this task's writes.
      stale.forEach((component) => component.forceUpdate());
    },
    peek: () => value,
  };
}
