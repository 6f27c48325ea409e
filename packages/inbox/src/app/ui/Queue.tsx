/**
 * The queue: cases newest or most urgent first, filters and full-text search kept in the URL
 * (shareable; the back button undoes a filter), and empty states that say what is true.
 */
import { localizedText } from '@earful/schema/lean';
import type { CaseListItem } from '@earful/schema';
import { useEffect } from 'preact/hooks';
import type { CaseFilters } from '../api/inbox-api.js';
import { firstText, orderIdOf } from '../format/case-text.js';
import { SENTIMENT_KEYS, STATUS_KEYS, keysOf } from '../format/labels.js';
import { textDirection } from '../format/text-direction.js';
import { Heading } from './Heading.js';
import { useInbox } from './inbox-context.js';
import { NoticeLine } from './NoticeLine.js';

const OPEN = 'new,acknowledged,resolving';

function Filters() {
  const state = useInbox();
  const { t, locale } = state.i18n.value;
  const filters = state.filters.value;
  const set = (key: keyof CaseFilters, value: string) => state.setFilters({ ...filters, [key]: value === '' ? undefined : value });
  const onSelect = (key: keyof CaseFilters) => (event: Event) => set(key, (event.currentTarget as HTMLSelectElement | HTMLInputElement).value);
  const surveys = [...state.surveys.value.values()];
  const reasons = new Map<string, string>();
  for (const survey of surveys) {
    for (const question of survey.questions) {
      if (question.type !== 'choice') continue;
      for (const option of question.options) if (!reasons.has(option.id)) reasons.set(option.id, localizedText(option.label, locale, survey.locale ?? 'en'));
    }
  }
  const me = state.session.value?.email;
  const active = Object.keys(filters).some((k) => k !== 'sort' && k !== 'q');
  return (
    <details class="filters" open={active}>
      <summary>{t('queue.filters')}</summary>
      <div class="filter-grid">
        <label>
          {t('filter.status')}
          <select value={filters.status ?? ''} onChange={onSelect('status')}>
            <option value="">{t('filter.any')}</option>
            <option value={OPEN}>{t('filter.open')}</option>
            {keysOf(STATUS_KEYS).map((s) => (
              <option value={s}>{t(STATUS_KEYS[s])}</option>
            ))}
          </select>
        </label>
        <label>
          {t('filter.sentiment')}
          <select value={filters.sentiment ?? ''} onChange={onSelect('sentiment')}>
            <option value="">{t('filter.any')}</option>
            {keysOf(SENTIMENT_KEYS).map((s) => (
              <option value={s}>{t(SENTIMENT_KEYS[s])}</option>
            ))}
          </select>
        </label>
        <label>
          {t('filter.survey')}
          <select value={filters.survey ?? ''} onChange={onSelect('survey')}>
            <option value="">{t('filter.any')}</option>
            {surveys.map((s) => (
              <option value={s.id}>{s.title ? localizedText(s.title, locale, s.locale ?? 'en') : s.id}</option>
            ))}
          </select>
        </label>
        <label>
          {t('filter.reason')}
          <select value={filters.reason ?? ''} onChange={onSelect('reason')}>
            <option value="">{t('filter.any')}</option>
            {[...reasons].map(([id, label]) => (
              <option value={id}>{label}</option>
            ))}
          </select>
        </label>
        <label>
          {t('filter.assignee')}
          <select value={filters.assignee ?? ''} onChange={onSelect('assignee')}>
            <option value="">{t('filter.any')}</option>
            <option value="me">{t('assignee.me')}</option>
            <option value="none">{t('assignee.none')}</option>
            {state.users.value
              .filter((u) => u.email !== me)
              .map((u) => (
                <option value={u.email}>{u.email}</option>
              ))}
          </select>
        </label>
        <label>
          {t('filter.tag')}
          <input type="text" value={filters.tag ?? ''} onChange={onSelect('tag')} maxLength={40} />
        </label>
        <label>
          {t('filter.since')}
          <input type="date" value={filters.since ?? ''} onChange={onSelect('since')} />
        </label>
        <label>
          {t('filter.until')}
          <input type="date" value={filters.until ?? ''} onChange={onSelect('until')} />
        </label>
        <label class="check">
          <input type="checkbox" checked={filters.overdue === 'true'} onChange={(e) => set('overdue', (e.currentTarget as HTMLInputElement).checked ? 'true' : '')} />
          {t('filter.overdue')}
        </label>
      </div>
      {active ? (
        <button type="button" class="link-button" onClick={() => state.setFilters({ sort: filters.sort, q: filters.q })}>
          {t('queue.clear')}
        </button>
      ) : null}
    </details>
  );
}

function Row({ item, index }: { item: CaseListItem; index: number }) {
  const state = useInbox();
  const { t, dateTime, duration } = state.i18n.value;
  const c = item.case;
  const text = firstText(item.response);
  const orderId = orderIdOf(item.response);
  const open = c.status !== 'resolved' && c.status !== 'spam';
  const waited = Date.now() - Date.parse(c.receivedAt);
  const survey = state.surveys.value.get(c.surveyId);
  const selected = state.selected.value === index;
  return (
    <li class={`row${selected ? ' selected' : ''}${c.overdue ? ' overdue' : ''}`}>
      <a href={`#/cases/${c.id}`} class="row-link" data-index={index} aria-current={selected ? 'true' : undefined} onFocus={() => (state.selected.value = index)}>
        <span class="row-top">
          <span class={`badge sentiment-${c.sentiment ?? 'none'}`}>{t(SENTIMENT_KEYS[c.sentiment ?? 'none'])}</span>
          <span class={`badge status-${c.status}`}>{t(STATUS_KEYS[c.status])}</span>
          {orderId !== undefined ? <span class="order-id">{orderId}</span> : null}
          <span class="row-when">
            <time dateTime={c.receivedAt}>{dateTime(c.receivedAt)}</time>
            {open && !c.firstResponseAt ? (
              <span class={c.overdue ? 'wait wait-overdue' : 'wait'}>
                {' · '}
                {t(c.overdue ? 'queue.overdueFor' : 'queue.waiting', { duration: duration(waited) })}
              </span>
            ) : null}
          </span>
        </span>
        <span class="row-text" lang={item.response.locale} dir={textDirection(item.response.locale)}>
          {text === '' ? <span class="muted">{t('queue.noText')}</span> : text.length > 200 ? `${text.slice(0, 200)}…` : text}
        </span>
        <span class="row-meta muted">
          {survey?.title ? localizedText(survey.title, state.i18n.value.locale, survey.locale ?? 'en') : c.surveyId}
          {c.assignee ? ` · ${t('assign.to', { email: c.assignee })}` : ''}
          {c.tags.length > 0 ? ` · ${c.tags.join(', ')}` : ''}
        </span>
      </a>
    </li>
  );
}

export function Queue() {
  const state = useInbox();
  // After the heading took focus (a child's effect runs first): `/` from another view wants the search.
  useEffect(() => {
    if (!state.focusSearch.value) return;
    state.focusSearch.value = false;
    document.getElementById('queue-search')?.focus();
  }, []);
  const { t } = state.i18n.value;
  const filters = state.filters.value;
  const items = state.queue.value;
  const filtered = Object.keys(filters).some((k) => k !== 'sort');
  const total = state.summary.value?.total ?? 0;
  const loading = state.queueLoading.value && items.length === 0;
  const search = (event: Event) => {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget as HTMLFormElement).get('q') ?? '').trim();
    state.setFilters({ ...filters, q: q === '' ? undefined : q });
  };
  return (
    <main id="main" class="queue" aria-labelledby="view-heading">
      <div class="view-head">
        <Heading focusKey="queue">{t('queue.title')}</Heading>
        <label class="sort">
          <span class="visually-hidden">{t('filter.sort')}</span>
          <select
            value={filters.sort ?? 'newest'}
            onChange={(e) => {
              const sort = (e.currentTarget as HTMLSelectElement).value;
              state.setFilters({ ...filters, sort: sort === 'newest' ? undefined : sort });
            }}
          >
            <option value="newest">{t('sort.newest')}</option>
            <option value="urgent">{t('sort.urgent')}</option>
          </select>
        </label>
      </div>
      <form role="search" class="search" onSubmit={search}>
        <label for="queue-search" class="visually-hidden">
          {t('queue.search')}
        </label>
        <input id="queue-search" name="q" type="search" value={filters.q ?? ''} placeholder={t('queue.search')} maxLength={200} key={filters.q ?? ''} />
        <button type="submit">{t('queue.searchSubmit')}</button>
      </form>
      <Filters />
      <NoticeLine notice={state.queueNotice.value} onRetry={() => void state.retry()} />
      {loading ? (
        <p class="muted" role="status">
          {t('queue.loading')}
        </p>
      ) : items.length === 0 ? (
        <p class="empty" role="status">
          {filtered || total > 0 ? t('queue.emptyFiltered') : t('queue.emptyAll')}
        </p>
      ) : (
        <>
          <p class="muted count" role="status">
            {t('queue.shown', { count: items.length })}
          </p>
          <ul class="rows">
            {items.map((item, index) => (
              <Row key={item.case.id} item={item} index={index} />
            ))}
          </ul>
          {state.nextCursor.value ? (
            <button type="button" onClick={() => void state.loadMore()} disabled={state.queueLoading.value}>
              {t('queue.more')}
            </button>
          ) : null}
        </>
      )}
    </main>
  );
}
