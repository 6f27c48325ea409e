/** A message for the person: errors are announced at once (`role="alert"`), the rest politely. */
import type { Notice } from '../state/inbox-state.js';
import { useInbox } from './inbox-context.js';

export function NoticeLine({ notice, onRetry }: { notice: Notice | null; onRetry?: () => void }) {
  const { i18n } = useInbox();
  if (!notice) return null;
  return (
    <p class={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      {i18n.value.t(notice.key, notice.vars)}
      {onRetry && notice.kind === 'error' ? (
        <>
          {' '}
          <button type="button" class="link-button" onClick={onRetry}>
            {i18n.value.t('action.retry')}
          </button>
        </>
      ) : null}
    </p>
  );
}
