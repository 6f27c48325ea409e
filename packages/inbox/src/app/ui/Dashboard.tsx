/**
 * The figures at a glance: responses per day with CSAT/NPS and negative share, sentiment,
 * thermometer colours, top reasons with their labels, time to first response and to resolution,
 * overdue now and the recovery rate. Live events refresh it in place.
 */
import { localizedText } from '@earful/schema/lean';
import type { DurationStats, Summary } from '@earful/schema';
import type { MessageKey } from '../i18n/messages/en.js';
import { REMEDY_KEYS, SENTIMENT_KEYS, keysOf } from '../format/labels.js';
import { DayChart } from './DayChart.js';
import { Heading } from './Heading.js';
import { useInbox } from './inbox-context.js';
import { NoticeLine } from './NoticeLine.js';

function Figure({ label, value, detail, tone }: { label: string; value: string; detail?: string; tone?: string }) {
  const none = useInbox().i18n.value.t('dash.noFigure');
  return (
    <div class={`figure${tone ? ` ${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd>
        <span class={value === none ? 'figure-value figure-none' : 'figure-value'}>{value}</span>
        {detail ? <span class="figure-detail muted">{detail}</span> : null}
      </dd>
    </div>
  );
}

function Bars({ rows }: { rows: Array<{ label: string; count: number; className?: string }> }) {
  const { number } = useInbox().i18n.value;
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <ul class="bars">
      {rows.map((r) => (
        <li>
          <span class="bar-label">{r.label}</span>
          <svg class="bar-track" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
            <rect class={`bar-fill ${r.className ?? ''}`} x="0" y="0" height="8" width={(100 * r.count) / max} />
          </svg>
          <span class="bar-count">{number(r.count)}</span>
        </li>
      ))}
    </ul>
  );
}

export function Dashboard() {
  const state = useInbox();
  const { t, number, duration } = state.i18n.value;
  const summary: Summary | null = state.summary.value;
  const percent = (value: number | null) => (value === null ? t('dash.noFigure') : number(value / 100, { style: 'percent', maximumFractionDigits: 1 }));
  // The median is the figure; the 90th percentile says how long the slow ones take.
  const times = (stats: DurationStats) =>
    stats.p50Ms === null || stats.p90Ms === null
      ? { value: t('dash.noFigure') }
      : { value: duration(stats.p50Ms), detail: t('dash.percentiles', { p90: duration(stats.p90Ms), ninety: number(0.9, { style: 'percent' }) }) };
  if (!summary) {
    return (
      <main id="main" class="dashboard" aria-labelledby="view-heading">
        <Heading focusKey="dashboard">{t('dash.title')}</Heading>
        <NoticeLine notice={state.summaryNotice.value} onRetry={() => void state.retry()} />
      </main>
    );
  }
  const last = summary.series.at(-1);
  const uiLocale = state.i18n.value.locale;
  const reasonLabel = (questionId: string, value: string) => {
    for (const survey of state.surveys.value.values()) {
      const question = survey.questions.find((q) => q.id === questionId);
      const option = question?.type === 'choice' ? question.options.find((o) => o.id === value) : undefined;
      if (option) return localizedText(option.label, uiLocale, survey.locale ?? 'en');
    }
    return value;
  };
  const resolved = keysOf(REMEDY_KEYS).filter((r) => summary.cases.byRemedy[r] > 0);
  return (
    <main id="main" class="dashboard" aria-labelledby="view-heading">
      <Heading focusKey="dashboard">{t('dash.title')}</Heading>
      <p class="muted">{t('dash.period', { count: summary.series.length })}</p>
      <NoticeLine notice={state.summaryNotice.value} />
      <dl class="figures">
        <Figure label={t('dash.responses')} value={number(summary.total)} />
        <Figure label={t('dash.csat')} value={percent(summary.csat.percent)} />
        <Figure label={t('dash.nps')} value={summary.nps.score === null ? t('dash.noFigure') : number(summary.nps.score, { maximumFractionDigits: 0 })} />
        <Figure label={t('dash.open')} value={number(summary.cases.open)} />
        <Figure label={t('dash.overdue')} value={number(summary.cases.overdue)} tone={summary.cases.overdue > 0 ? 'alarm' : undefined} />
        <Figure label={t('dash.firstResponse')} {...times(summary.cases.firstResponse)} />
        <Figure label={t('dash.resolution')} {...times(summary.cases.resolution)} />
        <Figure
          label={t('dash.recovery')}
          value={percent(summary.recovery.rate)}
          detail={summary.recovery.answered > 0 ? t('dash.recoveryOf', { count: summary.recovery.answered, positive: summary.recovery.positive }) : undefined}
        />
        {last ? <Figure label={t('dash.negativeShare')} value={percent(last.negativeShare)} /> : null}
      </dl>
      <section aria-labelledby="per-day-heading" class="card">
        <h2 id="per-day-heading">{t('dash.perDay')}</h2>
        <DayChart series={summary.series} />
      </section>
      <div class="dash-grid">
        <section aria-labelledby="sentiment-heading" class="card">
          <h2 id="sentiment-heading">{t('dash.bySentiment')}</h2>
          <Bars rows={keysOf(SENTIMENT_KEYS).map((s) => ({ label: t(SENTIMENT_KEYS[s]), count: summary.bySentiment[s], className: `sentiment-${s}` }))} />
        </section>
        <section aria-labelledby="thermometer-heading" class="card">
          <h2 id="thermometer-heading">{t('dash.thermometer')}</h2>
          <Bars
            rows={(['gold', 'green', 'amber', 'red'] as const).map((colour, i) => ({
              label: t(`thermometer.${4 - i}` as MessageKey),
              count: summary.thermometer[colour],
              className: `thermometer-${4 - i}`,
            }))}
          />
        </section>
        <section aria-labelledby="reasons-heading" class="card">
          <h2 id="reasons-heading">{t('dash.topReasons')}</h2>
          {summary.topReasons.length === 0 ? (
            <p class="muted">{t('dash.none')}</p>
          ) : (
            <Bars rows={summary.topReasons.map((r) => ({ label: reasonLabel(r.questionId, r.value), count: r.count }))} />
          )}
        </section>
        <section aria-labelledby="remedy-heading" class="card">
          <h2 id="remedy-heading">{t('dash.byRemedy')}</h2>
          {resolved.length === 0 ? (
            <p class="muted">{t('dash.none')}</p>
          ) : (
            <Bars rows={resolved.map((r) => ({ label: t(REMEDY_KEYS[r]), count: summary.cases.byRemedy[r] }))} />
          )}
        </section>
      </div>
    </main>
  );
}
