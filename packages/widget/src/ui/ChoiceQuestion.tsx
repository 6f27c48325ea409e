/**
 * A single or multiple choice question (native radios or checkboxes in a fieldset), with an
 * optional free-text "other".
 */
import type { ChoiceQuestion as Question } from '@earful/schema';
import { OTHER } from '../flow/drafts.js';
import { pickText } from '../i18n/translate.js';
import type { Store } from './store.js';
import { keepInView } from './keep-in-view.js';

/** A choice question. */
export function ChoiceQuestion({ question, store }: { question: Question; store: Store }) {
  const { t, locale } = store;
  const draft = store.drafts.value[question.id];
  const chosen = draft?.choices ?? [];
  const options = question.options.map((o) => ({ id: o.id, label: pickText(o.label, locale) }));
  if (question.other) {
    options.push({ id: OTHER, label: typeof question.other === 'object' ? pickText(question.other.label, locale) : t('choice.other') });
  }
  const type = question.multiple ? 'checkbox' : 'radio';
  const toggle = (id: string, on: boolean) => {
    const next = question.multiple ? (on ? [...chosen, id] : chosen.filter((c) => c !== id)) : [id];
    store.setDraft(question.id, { choices: next });
  };
  return (
    <fieldset>
      <legend>{pickText(question.prompt, locale)}</legend>
      {question.description && <p class="desc">{pickText(question.description, locale)}</p>}
      {options.map((o) => (
        <label class="row" key={o.id} part="option">
          <input
            type={type}
            name={`n-${question.id}`}
            value={o.id}
            checked={chosen.includes(o.id)}
            onChange={(e) => toggle(o.id, e.currentTarget.checked)}
          />
          <span>{o.label}</span>
        </label>
      ))}
      {chosen.includes(OTHER) && (
        <>
          <label class="field" for={`o-${question.id}`}>
            {t('choice.otherDetails')}
          </label>
          <input
            id={`o-${question.id}`}
            type="text"
            part="input"
            value={draft?.text ?? ''}
            onInput={(e) => store.setDraft(question.id, { text: e.currentTarget.value })}
            onFocus={keepInView}
          />
        </>
      )}
    </fieldset>
  );
}
