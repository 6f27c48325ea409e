/**
 * The end of the survey, honest about delivery: "Thank you" only once the SDK says delivered,
 * "Saved — we'll send it…" when queued. Unhappy visitors get an apology and what happens next.
 */
import { responseSentiment } from '@earful/schema';
import { buildAnswers } from '../flow/build-answers.js';
import type { Store } from './store.js';

/** The final screen. */
export function Done({ store }: { store: Store }) {
  const { t } = store;
  const negative = responseSentiment({ answers: buildAnswers(store.survey, store.drafts.value) }) === 'negative';
  return (
    <div class="done" tabIndex={-1} role="status">
      <h3>{t(store.status.value === 'queued' ? 'state.queued' : 'state.delivered')}</h3>
      {negative && <p><strong>{t('complaint.sorryTitle')}</strong></p>}
      <p>{negative ? t('complaint.sorryBody') : t('complaint.thanksBody')}</p>
    </div>
  );
}
