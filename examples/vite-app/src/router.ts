/** A tiny history router: links with `data-link` navigate with pushState, views render by path. */
export type View = (root: HTMLElement) => void;

export function startRouter(root: HTMLElement, views: Record<string, View>): void {
  const render = () => (views[location.pathname] ?? views['/']!)(root);
  document.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-link]');
    if (!link) return;
    event.preventDefault();
    history.pushState(null, '', link.href);
    render();
  });
  addEventListener('popstate', render);
  render();
}
