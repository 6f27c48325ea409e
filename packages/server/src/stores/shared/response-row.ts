/**
 * The row shape both SQL stores use for a response, and its conversion back to a record: SQLite
 * hands back the body as text and times as numbers, PostgreSQL the body as parsed JSONB and
 * BIGINT times as strings.
 */
import type { Sentiment, SurveyResponse } from '@earful/schema';
import type { StoredResponse } from '../../store.js';
import type { Position } from './query.js';

export interface ResponseRow {
  id: string;
  survey_id: string;
  received_at: number | string;
  sentiment: Sentiment | null;
  digest: string;
  body: string | SurveyResponse;
}

/** The response in a row's body column, parsed if the driver gave text. */
export function responseOf(body: ResponseRow['body']): SurveyResponse {
  return typeof body === 'string' ? (JSON.parse(body) as SurveyResponse) : body;
}

/** Where a row sits in the paging order. */
export function positionOfRow(row: Pick<ResponseRow, 'id' | 'received_at'>): Position {
  return { receivedAt: Number(row.received_at), id: row.id };
}

export function rowToRecord(row: ResponseRow): StoredResponse {
  return {
    id: row.id,
    surveyId: row.survey_id,
    receivedAt: new Date(Number(row.received_at)).toISOString(),
    sentiment: row.sentiment,
    digest: row.digest,
    response: responseOf(row.body),
  };
}
