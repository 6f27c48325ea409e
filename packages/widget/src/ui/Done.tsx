/**
 * The end of the survey, honest about delivery: "Thank you" only once the SDK says delivered,
 * "Saved — we'll send it…" while queued (it turns into "Thank you" if the SDK delivers it while
 * the panel is open). Only a survey whose `texts` carry an apology (the complaint preset's, or
 * the author's own) apologises to an unhappy visitor; any other survey ends neutrally.
 */
import { responseSentiment } from '@earful/schema';
import { buildAnswers } from '../flow/build-answers.js';
import type { Store } from './store.js';

/** The final screen. */
export function Done({ store }: { store: Store }) {
  const { t, survey } = store;
  const own = survey.texts ?? {};
  const negative = responseSentiment({ answers: buildAnswers(survey, store.drafts.value) }) === 'negative';
  const apology = negative && own['complaint.sorryBody'] !== undefined;
  return (
    <div class="done" tabIndex={-1} role="status">
      <h3>{t(store.status.value === 'queued' ? 'state.queued' : 'state.delivered')}</h3>
      {apology && <p><strong>{t('complaint.sorryTitle')}</strong></p>}
      <p>{t(apology ? 'complaint.sorryBody' : !negative && own['complaint.thanksBody'] !== undefined ? 'complaint.thanksBody' : 'thanks.body')}</p>
    </div>
  );
}
