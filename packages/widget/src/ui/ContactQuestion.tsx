/**
 * Contact details with explicit consent: the fields appear only after the visitor ticks the
 * consent box, and nothing from them is sent without it (`buildAnswers` checks again).
 */
import type { ContactQuestion as Question } from '@earful/schema';
import type { Draft } from '../flow/drafts.js';
import { pickText } from '../i18n/translate.js';
import type { Store } from './store.js';
import { keepInView } from './keep-in-view.js';

/** Input type and autocomplete token of each contact field. */
const FIELDS = { email: ['email', 'email'], phone: ['tel', 'tel'], name: ['text', 'name'] } as const;

/** A contact question. */
export function ContactQuestion({ question, store }: { question: Question; store: Store }) {
  const { t, locale } = store;
  const draft = store.drafts.value[question.id] ?? {};
  const problem = store.problem.value;
  return (
    <fieldset>
      <legend>{pickText(question.prompt, locale)}</legend>
      {question.description && <p class="desc">{pickText(question.description, locale)}</p>}
      <label class="row" part="option">
        <input
          type="checkbox"
          checked={draft.consent === true}
          aria-describedby={`h-${question.id}`}
          onChange={(e) => store.setDraft(question.id, { consent: e.currentTarget.checked })}
        />
        <span>{question.consentLabel ? pickText(question.consentLabel, locale) : t('contact.consent')}</span>
      </label>
      <p class="hint" id={`h-${question.id}`}>
        {t('contact.consentHint')}
      </p>
      {draft.consent === true &&
        question.fields.map((field) => {
          const [type, autocomplete] = FIELDS[field];
          const id = `${field}-${question.id}`;
          return (
            <div key={field}>
              <label class="field" for={id}>
                {t(`contact.${field}`)}
              </label>
              <input
                id={id}
                type={type as 'text'}
                part="input"
                autocomplete={autocomplete}
                value={draft[field] ?? ''}
                aria-invalid={problem?.field === field || undefined}
                onInput={(e) => store.setDraft(question.id, { [field]: e.currentTarget.value } as Partial<Draft>)}
                onFocus={keepInView}
              />
            </div>
          );
        })}
    </fieldset>
  );
}
