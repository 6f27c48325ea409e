/**
 * `GET /api/export?format=jsonl|csv&survey=&since=`: every stored response, oldest first, streamed
 * as the store pages through them — memory stays flat however many there are, and a client that
 * goes away stops the reading. CSV uses the CLI's columns (`cli/csv.ts`), JSON Lines one
 * `{ case, response }` per line (`caseListItemSchema`).
 */
import type { CaseListItem, FieldProblem } from '@earful/schema';
import { CSV_HEADER, csvLine, csvRow } from '../../cli/csv.js';
import type { CaseRecord } from '../../store.js';
import type { ApiContext } from '../api-context.js';
import { badQuery, dateParam, queryParams, surveyParam } from './query-params.js';

/** Bytes gathered before a chunk is handed on: large enough to be cheap, small enough to stay flat. */
const CHUNK_BYTES = 64 * 1024;
const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  jsonl: { type: 'application/x-ndjson; charset=utf-8', extension: 'jsonl' },
} as const;

/** One exported line (with its newline) of a case record. */
export function exportLine(row: CaseRecord, format: keyof typeof FORMATS): string {
  if (format === 'csv') return `${csvRow(row.record)}\n`;
  const item: CaseListItem = { case: row.case, response: row.record.response };
  return `${JSON.stringify(item)}\n`;
}

/** Streams the export; `Content-Disposition` names a file for browsers. */
export async function exportResponses(context: ApiContext): Promise<Response> {
  const fields: FieldProblem[] = [];
  const params = queryParams(context.url.searchParams, ['format', 'survey', 'since'], fields);
  const format = params.format ?? 'csv';
  if (format !== 'csv' && format !== 'jsonl') fields.push({ path: 'format', message: 'must be csv or jsonl' });
  const since = dateParam(params.since, 'since', fields);
  const surveyId = surveyParam(params.survey, fields);
  if (fields.length > 0) throw badQuery(fields);
  const kind = format as keyof typeof FORMATS;

  const rows = context.deps.store.exportRows({ ...(surveyId !== undefined ? { surveyId } : {}), ...(since !== undefined ? { since } : {}) })[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let header = kind === 'csv' ? `${csvLine(CSV_HEADER)}\n` : '';
  const body = new ReadableStream<Uint8Array>(
    {
      // Pulled only when the client has taken the previous chunk: a slow reader slows the reading.
      async pull(controller) {
        let text = header;
        header = '';
        while (text.length < CHUNK_BYTES) {
          let next;
          try {
            next = await rows.next();
          } catch (error) {
            // The status line is long gone: all that is left is to cut the stream and say why in the log.
            context.deps.onError(error, { phase: 'export' });
            controller.error(error);
            return;
          }
          if (next.done) {
            if (text !== '') controller.enqueue(encoder.encode(text));
            controller.close();
            return;
          }
          text += exportLine(next.value, kind);
        }
        controller.enqueue(encoder.encode(text));
      },
      async cancel() {
        await rows.return?.();
      },
    },
    { highWaterMark: 1 },
  );
  const day = new Date(context.deps.now()).toISOString().slice(0, 10);
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': FORMATS[kind].type,
      'content-disposition': `attachment; filename="earful-export-${day}.${FORMATS[kind].extension}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
