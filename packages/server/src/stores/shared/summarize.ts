/**
 * Computes a {@link ResponseSummary} from responses one at a time, so every store (memory,
 * SQLite, PostgreSQL) reports the same numbers from the same rules.
 */
import type { Sentiment, SurveyResponse } from '@earful/schema';
import type { ResponseSummary } from '../../store.js';
import type { Position } from './query.js';
import { responseOf, type ResponseRow } from './response-row.js';

/**
 * Rows a database store reads per step of a summary; between steps the event loop runs, so a
 * summary of a large store does not stall the receiver.
 */
export const SUMMARY_PAGE = 2_000;

const THERMOMETER = ['red', 'amber', 'green', 'gold'] as const;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Accumulates responses; `result()` gives the summary so far. */
export function summarizer() {
  const bySentiment = { negative: 0, neutral: 0, positive: 0, none: 0 };
  const csat = { answers: 0, satisfied: 0 };
  const nps = { answers: 0, promoters: 0, passives: 0, detractors: 0 };
  const thermometer = { red: 0, amber: 0, green: 0, gold: 0 };
  const reasons = new Map<string, { questionId: string; value: string; count: number }>();
  let total = 0;
  return {
    add(response: SurveyResponse, sentiment: Sentiment | null): void {
      total += 1;
      bySentiment[sentiment ?? 'none'] += 1;
      for (const answer of response.answers) {
        if (answer.type === 'rating') {
          if (answer.scale === 'csat5') {
            csat.answers += 1;
            if (answer.value >= 4) csat.satisfied += 1;
          } else if (answer.scale === 'nps') {
            nps.answers += 1;
            if (answer.value >= 9) nps.promoters += 1;
            else if (answer.value >= 7) nps.passives += 1;
            else nps.detractors += 1;
          } else if (answer.scale === 'thermometer4') {
            const colour = THERMOMETER[answer.value - 1];
            if (colour) thermometer[colour] += 1;
          }
        } else if (answer.type === 'choice') {
          for (const value of answer.values) {
            const key = `${answer.questionId}\u0000${value}`;
            const entry = reasons.get(key);
            if (entry) entry.count += 1;
            else reasons.set(key, { questionId: answer.questionId, value, count: 1 });
          }
        }
      }
    },
    result(): ResponseSummary {
      const topReasons = [...reasons.values()]
        .sort((a, b) => b.count - a.count || a.questionId.localeCompare(b.questionId) || a.value.localeCompare(b.value))
        .slice(0, 10);
      return {
        total,
        bySentiment: { ...bySentiment },
        csat: { ...csat, percent: csat.answers === 0 ? null : round1((csat.satisfied / csat.answers) * 100) },
        nps: {
          ...nps,
          score: nps.answers === 0 ? null : round1(((nps.promoters - nps.detractors) / nps.answers) * 100),
        },
        thermometer: { ...thermometer },
        topReasons,
      };
    },
  };
}

/** The columns a summary reads from a row. */
export type SummaryRow = Pick<ResponseRow, 'id' | 'received_at' | 'sentiment' | 'body'>;

/**
 * Summarizes a database table in steps of {@link SUMMARY_PAGE} rows by (received_at, id):
 * `readStep(after)` returns the rows after `after`, oldest first. The event loop runs between
 * steps, so a synchronous driver (better-sqlite3) does not stall the receiver on a large store
 * (100,000 rows held it for ~500 ms in one pass), and no driver holds every body in memory at
 * once. Rows that arrive meanwhile may be counted.
 */
export async function summarizeInSteps(readStep: (after: Position) => readonly SummaryRow[] | Promise<readonly SummaryRow[]>): Promise<ResponseSummary> {
  const acc = summarizer();
  let after: Position = { receivedAt: -1, id: '' };
  for (;;) {
    const rows = await readStep(after);
    for (const row of rows) acc.add(responseOf(row.body), row.sentiment);
    const last = rows.at(-1);
    if (!last || rows.length < SUMMARY_PAGE) return acc.result();
    after = { receivedAt: Number(last.received_at), id: last.id };
    await new Promise((resolve) => setImmediate(resolve));
  }
}
