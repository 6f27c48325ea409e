/**
 * Keeps a focused text field visible when an on-screen keyboard shrinks the visual viewport.
 * Listens only while the field has focus, and stops on blur.
 */
export function keepInView(event: FocusEvent): void {
  const field = event.currentTarget as HTMLElement;
  const viewport = field.ownerDocument.defaultView?.visualViewport;
  if (!viewport) return;
  const onResize = () => field.scrollIntoView({ block: 'nearest' });
  viewport.addEventListener('resize', onResize);
  field.addEventListener('blur', () => viewport.removeEventListener('resize', onResize), { once: true });
}
