/**
 * A view's main heading. It takes focus when the view opens (a route change), so a screen
 * reader reads where the person landed and Tab starts from there — not when filters change.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function Heading({ children, focusKey }: { children: ComponentChildren; focusKey: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, [focusKey]);
  return (
    <h1 id="view-heading" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}
