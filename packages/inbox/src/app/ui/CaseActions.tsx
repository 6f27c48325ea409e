/**
 * What a person does to a case: take it, set its status (a due date with `resolving`, a remedy
 * with `resolved`), tag it, write an internal note. Changes show at once and are undone with a
 * message when the server refuses them (see `changeCase`).
 */
import { useState } from 'preact/hooks';
import type { Case, CaseStatus, Remedy } from '@earful/schema';
import { REMEDY_KEYS, STATUS_KEYS, keysOf } from '../format/labels.js';
import { useInbox } from './inbox-context.js';

const dayOf = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

function Assign({ c }: { c: Case }) {
  const state = useInbox();
  const { t } = state.i18n.value;
  const me = state.session.value?.email ?? '';
  return (
    <section aria-labelledby="assign-heading" class="action">
      <h3 id="assign-heading">{t('assign.label')}</h3>
      <p>{c.assignee ? t('assign.to', { email: c.assignee }) : t('assign.nobody')}</p>
      <div class="buttons">
        {c.assignee !== me ? (
          <button type="button" onClick={() => void state.changeCase({ assignee: me })}>
            {t('assign.me')}
          </button>
        ) : null}
        {c.assignee ? (
          <button type="button" onClick={() => void state.changeCase({ assignee: null })}>
            {t('assign.clear')}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function Status({ c }: { c: Case }) {
  const state = useInbox();
  const { t } = state.i18n.value;
  const [status, setStatus] = useState<CaseStatus>(c.status);
  const [due, setDue] = useState(dayOf(c.dueAt));
  const [remedy, setRemedy] = useState<Remedy>(c.remedy ?? 'apology');
  const [note, setNote] = useState(c.remedyNote ?? '');
  const save = (event: Event) => {
    event.preventDefault();
    if (status === 'resolving') void state.changeCase({ status, dueAt: due ? new Date(`${due}T17:00:00`).toISOString() : null });
    else if (status === 'resolved') void state.changeCase(note.trim() ? { status, remedy, remedyNote: note.trim() } : { status, remedy });
    else void state.changeCase({ status });
  };
  return (
    <section aria-labelledby="status-heading" class="action">
      <h3 id="status-heading">{t('status.change')}</h3>
      <form class="stack" onSubmit={save}>
        <label for="case-status">{t('status.label')}</label>
        <select id="case-status" value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value as CaseStatus)}>
          {keysOf(STATUS_KEYS).map((s) => (
            <option value={s}>{t(STATUS_KEYS[s])}</option>
          ))}
        </select>
        {status === 'resolving' ? (
          <>
            <label for="case-due">{t('status.dueAt')}</label>
            <input id="case-due" type="date" value={due} onInput={(e) => setDue((e.currentTarget as HTMLInputElement).value)} />
          </>
        ) : null}
        {status === 'resolved' ? (
          <>
            <label for="case-remedy">{t('status.remedy')}</label>
            <select id="case-remedy" value={remedy} onChange={(e) => setRemedy((e.currentTarget as HTMLSelectElement).value as Remedy)}>
              {keysOf(REMEDY_KEYS).map((r) => (
                <option value={r}>{t(REMEDY_KEYS[r])}</option>
              ))}
            </select>
            <label for="case-remedy-note">{t('status.remedyNote')}</label>
            <input id="case-remedy-note" type="text" maxLength={500} value={note} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />
          </>
        ) : null}
        <button type="submit" disabled={state.saving.value}>
          {t('status.save')}
        </button>
      </form>
    </section>
  );
}

function Tags({ c }: { c: Case }) {
  const state = useInbox();
  const { t } = state.i18n.value;
  const [draft, setDraft] = useState('');
  const add = (event: Event) => {
    event.preventDefault();
    const tag = draft.trim().replace(/,/g, ' ');
    if (tag === '' || c.tags.includes(tag)) return;
    void state.changeCase({ tags: [...c.tags, tag] }).then((ok) => ok && setDraft(''));
  };
  return (
    <section aria-labelledby="tags-heading" class="action">
      <h3 id="tags-heading">{t('tags.label')}</h3>
      {c.tags.length === 0 ? (
        <p class="muted">{t('tags.none')}</p>
      ) : (
        <ul class="tags">
          {c.tags.map((tag) => (
            <li class="tag">
              {tag}
              <button type="button" class="tag-remove" aria-label={t('tags.remove', { tag })} onClick={() => void state.changeCase({ tags: c.tags.filter((x) => x !== tag) })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="inline-form" onSubmit={add}>
        <label for="tag-new" class="visually-hidden">
          {t('tags.new')}
        </label>
        <input id="tag-new" type="text" maxLength={40} value={draft} onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit">{t('tags.add')}</button>
      </form>
    </section>
  );
}

function Note() {
  const state = useInbox();
  const { t } = state.i18n.value;
  const [text, setText] = useState('');
  const add = (event: Event) => {
    event.preventDefault();
    if (text.trim() === '') return;
    void state.addNote(text.trim()).then((ok) => ok && setText(''));
  };
  return (
    <form class="stack action" onSubmit={add}>
      <label for="case-note">{t('note.label')}</label>
      <textarea id="case-note" rows={3} maxLength={4000} value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
      <button type="submit" disabled={state.saving.value}>
        {t('note.add')}
      </button>
    </form>
  );
}

export function CaseActions({ c }: { c: Case }) {
  return (
    <>
      <Assign c={c} />
      <Status key={`${c.id}:${c.version}`} c={c} />
      <Tags c={c} />
      <Note />
    </>
  );
}
