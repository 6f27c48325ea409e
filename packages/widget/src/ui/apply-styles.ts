/**
 * Puts style sheets into a shadow root without inline style attributes: constructable sheets
 * (adoptedStyleSheets) where supported — CSP's style-src does not govern them — otherwise
 * <style> elements carrying the page's nonce. Returns a setter for one small dynamic sheet
 * (viewport height, theme values) so nothing ever needs `element.style`.
 */
export function applyStyles(root: ShadowRoot, css: readonly string[], nonce?: string): (dynamic: string) => void {
  for (const old of root.querySelectorAll('style')) old.remove();
  const win = root.ownerDocument.defaultView;
  if (win && 'adoptedStyleSheets' in root && 'replaceSync' in win.CSSStyleSheet.prototype) {
    const make = (text: string) => {
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    };
    const dynamic = make('');
    root.adoptedStyleSheets = [...css.map(make), dynamic];
    return (text) => dynamic.replaceSync(text);
  }
  const make = (text: string) => {
    const style = root.ownerDocument.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = text;
    return style;
  };
  const dynamic = make('');
  root.prepend(...css.map(make), dynamic);
  return (text) => {
    dynamic.textContent = text;
  };
}
