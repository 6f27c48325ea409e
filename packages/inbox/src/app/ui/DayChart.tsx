/**
 * Responses per day as bars and the negative share as a line, in plain SVG (no chart library):
 * presentation attributes only, so it runs under `style-src 'self'`. The figures are also in a
 * table below it for people who do not see the chart.
 */
import type { SummaryDay } from '@earful/schema';
import { useInbox } from './inbox-context.js';

const W = 720;
const H = 180;
const PAD = 4;

export function DayChart({ series }: { series: readonly SummaryDay[] }) {
  const { t, number, date } = useInbox().i18n.value;
  const max = Math.max(1, ...series.map((d) => d.count));
  const step = series.length > 0 ? (W - PAD * 2) / series.length : 0;
  const bar = Math.max(1, step * 0.7);
  const y = (count: number) => H - PAD - ((H - PAD * 2) * count) / max;
  const share = series
    .map((d, i) => (d.negativeShare === null ? null : `${(PAD + step * i + step / 2).toFixed(1)},${(H - PAD - ((H - PAD * 2) * d.negativeShare) / 100).toFixed(1)}`))
    .filter((p): p is string => p !== null);
  const percent = (value: number | null) => (value === null ? '—' : number(value / 100, { style: 'percent', maximumFractionDigits: 1 }));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('dash.chartLabel', { count: series.length })} preserveAspectRatio="none">
        <line x1={PAD} x2={W - PAD} y1={H - PAD} y2={H - PAD} class="chart-axis" />
        {series.map((d, i) => (
          <rect class="chart-bar" x={PAD + step * i + (step - bar) / 2} y={y(d.count)} width={bar} height={H - PAD - y(d.count)}>
            <title>{`${date(`${d.day}T12:00:00Z`)}: ${number(d.count)}`}</title>
          </rect>
        ))}
        {share.length > 1 ? <polyline class="chart-line" points={share.join(' ')} fill="none" /> : null}
      </svg>
      <figcaption class="legend muted">
        <span class="key key-bar" aria-hidden="true" /> {t('dash.responses')} <span class="key key-line" aria-hidden="true" /> {t('dash.negativeShare')}
      </figcaption>
      <details>
        <summary>{t('dash.table')}</summary>
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dash.day')}</th>
                <th scope="col">{t('dash.responses')}</th>
                <th scope="col">{t('dash.csat')}</th>
                <th scope="col">{t('dash.nps')}</th>
                <th scope="col">{t('dash.negativeShare')}</th>
              </tr>
            </thead>
            <tbody>
              {series
                .filter((d) => d.count > 0)
                .map((d) => (
                  <tr>
                    <th scope="row">{date(`${d.day}T12:00:00Z`)}</th>
                    <td>{number(d.count)}</td>
                    <td>{percent(d.csat)}</td>
                    <td>{d.nps === null ? '—' : number(d.nps, { maximumFractionDigits: 0 })}</td>
                    <td>{percent(d.negativeShare)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
