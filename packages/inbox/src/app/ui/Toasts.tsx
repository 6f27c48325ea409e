/**
 * New negative cases that arrive live: a quiet toast, announced politely by a live region that is always
 * in the page (so screen readers hear it) and never takes focus. A toast goes after 12 s.
 */
import { useEffect } from 'preact/hooks';
import { useInbox } from './inbox-context.js';

export function Toasts() {
  const state = useInbox();
  const { t } = state.i18n.value;
  const toasts = state.toasts.value;
  useEffect(() => {
    const timers = toasts.map((toast) => setTimeout(() => state.dismissToast(toast.id), 12_000));
    return () => timers.forEach(clearTimeout);
  }, [toasts]);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} class="toast toast-negative">
          <p>{t('live.newNegative', { text: toast.text })}</p>
          <div class="buttons">
            <a href={`#/cases/${toast.caseId}`} onClick={() => state.dismissToast(toast.id)}>
              {t('live.open')}
            </a>
            <button type="button" class="link-button" onClick={() => state.dismissToast(toast.id)}>
              {t('action.dismiss')}
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
