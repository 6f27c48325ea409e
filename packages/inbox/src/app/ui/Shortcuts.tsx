/**
 * Keyboard: `j`/`k` move through the queue, `Enter` opens the selected case, `/` goes to the
 * search, `?` lists the shortcuts. Keys typed into a field are the field's.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useInbox } from './inbox-context.js';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function Shortcuts() {
  const state = useInbox();
  const { t } = state.i18n.value;
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const focusRow = (index: number) => {
      const link = document.querySelector<HTMLAnchorElement>(`.row-link[data-index="${index}"]`);
      link?.focus();
      link?.scrollIntoView({ block: 'nearest' });
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target) || dialog.current?.open) return;
      const route = state.route.value;
      const count = state.queue.value.length;
      if (event.key === '?') {
        event.preventDefault();
        dialog.current?.showModal();
      } else if (event.key === '/') {
        event.preventDefault();
        if (route.name === 'queue') document.getElementById('queue-search')?.focus();
        else {
          // The queue focuses its search instead of its heading when it opens.
          state.focusSearch.value = true;
          state.go({ name: 'queue', filters: {} });
        }
      } else if (route.name === 'queue' && (event.key === 'j' || event.key === 'k') && count > 0) {
        event.preventDefault();
        const next = Math.min(count - 1, Math.max(0, state.selected.value + (event.key === 'j' ? 1 : -1)));
        state.selected.value = next;
        focusRow(next);
      } else if (route.name === 'queue' && event.key === 'Enter' && count > 0 && !(event.target instanceof HTMLAnchorElement || event.target instanceof HTMLButtonElement)) {
        const item = state.queue.value[state.selected.value];
        if (item) state.go({ name: 'case', id: item.case.id });
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button type="button" class="link-button shortcuts-button" onClick={() => dialog.current?.showModal()} aria-keyshortcuts="?">
        {t('nav.shortcuts')}
      </button>
      <dialog ref={dialog} aria-labelledby="shortcuts-heading" class="shortcuts">
        <h2 id="shortcuts-heading">{t('keys.title')}</h2>
        <dl class="pairs">
          <dt><kbd>j</kbd></dt>
          <dd>{t('keys.next')}</dd>
          <dt><kbd>k</kbd></dt>
          <dd>{t('keys.previous')}</dd>
          <dt><kbd>Enter</kbd></dt>
          <dd>{t('keys.open')}</dd>
          <dt><kbd>/</kbd></dt>
          <dd>{t('keys.search')}</dd>
          <dt><kbd>?</kbd></dt>
          <dd>{t('keys.help')}</dd>
        </dl>
        <form method="dialog">
          <button type="submit">{t('keys.close')}</button>
        </form>
      </dialog>
    </>
  );
}
