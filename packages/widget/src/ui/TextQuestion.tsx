/**
 * A free-text question with a live character count against its limit. While the field has
 * focus, it is kept in view above an on-screen keyboard (visualViewport).
 */
import { codePointLength, type TextQuestion as Question } from '@earful/schema';
import { textLimit } from '../flow/step-problem.js';
import { pickText } from '../i18n/translate.js';
import type { Store } from './store.js';
import { keepInView } from './keep-in-view.js';

/** A text question. */
export function TextQuestion({ question, store }: { question: Question; store: Store }) {
  const { t, locale } = store;
  const id = `f-${question.id}`;
  const value = store.drafts.value[question.id]?.text ?? '';
  const max = textLimit(question);
  const count = codePointLength(value);
  const Field = question.multiline === false ? 'input' : 'textarea';
  return (
    <div>
      <label class="prompt" for={id}>
        {pickText(question.prompt, locale)}
      </label>
      {question.description && <p class="desc">{pickText(question.description, locale)}</p>}
      <Field
        id={id}
        part="input"
        type={Field === 'input' ? 'text' : undefined}
        value={value}
        placeholder={question.placeholder ? pickText(question.placeholder, locale) : undefined}
        aria-describedby={`c-${question.id}`}
        aria-required={question.required || undefined}
        aria-invalid={count > max || undefined}
        onInput={(e) => store.setDraft(question.id, { text: (e.currentTarget as HTMLTextAreaElement).value })}
        onFocus={keepInView}
      />
      <p id={`c-${question.id}`} class={count > max ? 'count over' : 'count'}>
        {t('count.characters', { count, max })}
      </p>
    </div>
  );
}
