/**
 * The SQLite store's cases: one row per response in `cases` (sharing the response's `seq`, so a
 * join is a rowid lookup), its timeline in `case_events`, idempotency keys in `case_requests`,
 * its search text in the FTS5 table `case_search`. The whole case is kept as JSON in `fields`;
 * the other columns are copies a WHERE clause, an ORDER BY or the summary reads through an index.
 * What a change does is decided by `case-rules.ts`; this file only persists it. Every function
 * here runs inside the caller's transaction.
 *
 * Text search: FTS5 with the `trigram` tokenizer over the folded search text (`search-text.ts`),
 * `case_sensitive 1` because both sides are folded already, so a term of 3+ characters is an
 * index lookup that matches exactly the substrings the memory store matches. Trigrams cannot
 * match a term of 1–2 characters (`배송` is 2), so those terms are tested with `instr()` on the
 * `search_text` column: a scan of the cases the other filters leave (alone, about 0.2 s per
 * million cases). And since a page wants only the first matches in its order, it first tests
 * the first 5,000 cases in that order: a common word fills the page there, where the index would
 * have listed every case it is in (see `windowed`).
 */
import type { SurveyResponse, TimelineEvent, Tombstone } from '@earful/schema';
import { CaseRuleError } from '../../errors.js';
import type { CaseChange, CaseChangeResult, CaseInit, CaseRecord, EraseTarget, StoredResponse } from '../../store.js';
import { applyChange, caseView, erasedCounts, eraseTargetMatches, newCase, redactEvent, type CaseFields, type NewEvent } from './case-rules.js';
import { caseOrderSql, casePageOf, casePositionOf, caseWhereSql, urgencyOf, type CaseDialect, type NormalCaseQuery } from './case-query.js';
import { negate, responseFacts } from './rollup-facts.js';
import { rowToRecord, type ResponseRow } from './response-row.js';
import { searchTextOf } from './search-text.js';
import type { SqliteConnection } from './sqlite-driver.js';
import { caseCounters, rollupWriter, type RollupWriter } from './sqlite-rollup.js';
import { statementCache } from './sqlite-statements.js';

const mark = () => '?';

/** A case row joined with its response. */
export interface CaseJoinRow extends ResponseRow {
  seq: number;
  fields: string;
}

const CASE_COLUMNS =
  'status, assignee, tags, version, priority, urgency_due, first_response_at, first_response_due_at, first_response_ms, resolution_ms, fields';
const JOINED = 'c.seq, c.fields, r.id, r.survey_id, r.received_at, r.sentiment, r.digest, r.body';

const ms = (time: string | null) => (time === null ? null : Date.parse(time));

/** The values of {@link CASE_COLUMNS}, in order. */
function caseValues(fields: CaseFields): unknown[] {
  const { priority, urgencyDue } = urgencyOf(fields);
  const received = Date.parse(fields.receivedAt);
  const firstResponse = ms(fields.firstResponseAt);
  const resolved = ms(fields.resolvedAt);
  return [
    fields.status,
    fields.assignee,
    JSON.stringify(fields.tags),
    fields.version,
    priority,
    urgencyDue,
    firstResponse,
    ms(fields.firstResponseDueAt),
    firstResponse === null ? null : firstResponse - received,
    resolved === null ? null : resolved - received,
    JSON.stringify(fields),
  ];
}

/** Events as stored: the JSON of the event without its `seq`. */
function eventOf(seq: number, json: string): TimelineEvent {
  return { seq, ...(JSON.parse(json) as NewEvent) } as TimelineEvent;
}

/** A case's first timeline entry, as `newCase` makes it. */
function receivedEvent(fields: CaseFields): TimelineEvent {
  return { seq: 1, type: 'received', at: fields.receivedAt, actor: 'system' };
}

/** Cases a page reads in its order's index before it lets SQLite plan the query (see `windowed`). */
const SCAN_WINDOW = 5_000;

/** Terms of 3+ characters go to the trigram index; shorter ones to `instr()`. */
function isTrigramTerm(term: string): boolean {
  let n = 0;
  for (const _ of term) if ((n += 1) >= 3) return true;
  return false;
}

/** An FTS5 query that matches every term as a substring: each term a quoted phrase. */
function ftsQuery(terms: readonly string[]): string {
  return terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
}

/** Within a window of cases already read, every term is tested on the text itself. */
const windowDialect: CaseDialect = {
  text: (terms, next) => terms.map((term) => `instr(c.search_text, ${next(term)}) > 0`).join(' AND '),
  reason: (value, next) => dialect.reason(value, next),
  tag: (value, next) => dialect.tag(value, next),
  metadata: (key, value, next) => dialect.metadata(key, value, next),
};

const dialect: CaseDialect = {
  text(terms, next) {
    // Parameters are numbered in the order `next` is called: build the parts in writing order.
    // Cases past the index's mark (arrived since the last indexing) are scanned.
    const long = terms.filter(isTrigramTerm);
    const parts: string[] = [];
    // One IN list (not an OR, which made SQLite read every case): the index's matches, then those
    // of the tail, a rowid range.
    if (long.length > 0) {
      const match = `SELECT rowid FROM case_search WHERE case_search MATCH ${next(ftsQuery(long))}`;
      const tail = `SELECT seq FROM cases WHERE seq > (SELECT indexed_to FROM case_search_state) AND ${long.map((t) => `instr(search_text, ${next(t)}) > 0`).join(' AND ')}`;
      parts.push(`c.seq IN (${match} UNION ALL ${tail})`);
    }
    for (const term of terms) if (!isTrigramTerm(term)) parts.push(`instr(c.search_text, ${next(term)}) > 0`);
    return parts.join(' AND ');
  },
  reason: (value, next) =>
    `EXISTS (SELECT 1 FROM json_each(r.body, '$.answers') a, json_each(a.value, '$.values') v WHERE a.value ->> '$.type' = 'choice' AND v.value = ${next(value)})`,
  tag: (value, next) => `EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE t.value = ${next(value)})`,
  // A boolean reads back as 1/0 from ->>, so its JSON type decides; numbers print as JS prints them.
  metadata: (key, value, next) =>
    `EXISTS (SELECT 1 FROM json_each(r.body, '$.metadata') m WHERE m.key = ${next(key)} AND (CASE m.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(m.atom AS TEXT) END) = ${next(value)})`,
};

export function joinedToRecord(row: CaseJoinRow, now: number): CaseRecord {
  const record = rowToRecord(row);
  return { case: caseView(JSON.parse(row.fields) as CaseFields, record.response, now), record };
}

/**
 * Writes a new case (row, search text, counters) for a response just inserted with `seq`; the
 * FTS5 table gets the text later (see `indexSearch`). Its
 * `received` entry (seq 1) is not stored: it is the response's arrival, read back from the row
 * (see `timeline`), which saves a write per response on the ingest path; erasure stores it.
 */
function caseInserter(db: SqliteConnection, rollups: RollupWriter) {
  const insertCase = db.prepare(
    `INSERT INTO cases (seq, id, survey_id, received_at, sentiment, search_text, ${CASE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ${CASE_COLUMNS.split(',').map(mark).join(', ')})`,
  );
  return (seq: number, record: StoredResponse, init: CaseInit | undefined): { fields: CaseFields; text: string } => {
    const { fields } = newCase(record, init);
    const text = searchTextOf(record, []);
    insertCase.run(seq, record.id, record.surveyId, Date.parse(record.receivedAt), record.sentiment, text, ...caseValues(fields));
    rollups.add(responseFacts(record));
    rollups.add(caseCounters(fields, 1));
    return { fields, text };
  };
}

/** Migration 2: a case for every response stored before cases existed, in pages of 1,000 rows. */
export function backfillCases(db: SqliteConnection): void {
  const rollups = rollupWriter(db);
  const insert = caseInserter(db, rollups);
  const page = db.prepare<ResponseRow & { seq: number }>('SELECT * FROM responses WHERE seq > ? ORDER BY seq LIMIT 1000');
  for (let after = 0; ; ) {
    const rows = page.all(after);
    for (const row of rows) insert(row.seq, rowToRecord(row), undefined);
    rollups.flush();
    if (rows.length < 1000) break;
    after = rows.at(-1)!.seq;
  }
  db.exec('INSERT INTO case_search (rowid, search_text) SELECT seq, search_text FROM cases');
  db.exec('UPDATE case_search_state SET indexed_to = (SELECT coalesce(max(seq), 0) FROM cases)');
}

/** The case statements of one open store. */
export function caseTables(db: SqliteConnection, rollups: RollupWriter) {
  const insert = caseInserter(db, rollups);
  const selectJoined = db.prepare<CaseJoinRow>(`SELECT ${JOINED} FROM responses r CROSS JOIN cases c ON c.seq = r.seq WHERE r.id = ?`);
  const update = db.prepare(`UPDATE cases SET ${CASE_COLUMNS.split(', ').map((c) => `${c} = ?`).join(', ')} WHERE seq = ?`);
  const selectSearch = db.prepare<{ search_text: string }>('SELECT search_text FROM cases WHERE seq = ?');
  const updateSearch = db.prepare('UPDATE cases SET search_text = ? WHERE seq = ?');
  const deleteSearch = db.prepare("INSERT INTO case_search (case_search, rowid, search_text) VALUES ('delete', ?, ?)");
  const insertSearch = db.prepare('INSERT INTO case_search (rowid, search_text) VALUES (?, ?)');
  // The received entry is seq 1, stored or not.
  const lastEvent = db.prepare<{ n: number }>('SELECT coalesce(max(seq), 1) AS n FROM case_events WHERE case_id = ?');
  const insertEvent = db.prepare('INSERT INTO case_events (case_id, seq, type, event) VALUES (?, ?, ?, ?)');
  const selectEvents = db.prepare<{ seq: number; type: string; event: string }>('SELECT seq, type, event FROM case_events WHERE case_id = ? ORDER BY seq');
  const selectNotes = db.prepare<{ event: string }>("SELECT event FROM case_events WHERE case_id = ? AND type = 'note_added' ORDER BY seq");
  const rewriteEvent = db.prepare('UPDATE case_events SET event = ? WHERE case_id = ? AND seq = ?');
  const selectRequest = db.prepare<{ case_id: string; digest: string }>('SELECT case_id, digest FROM case_requests WHERE key = ?');
  const insertRequest = db.prepare('INSERT INTO case_requests (case_id, key, digest) VALUES (?, ?, ?)');
  const indexedTo = db.prepare<{ indexed_to: number }>('SELECT indexed_to FROM case_search_state');
  const setIndexedTo = db.prepare('UPDATE case_search_state SET indexed_to = ?');
  const nextToIndex = db.prepare<{ m: number | null }>('SELECT max(seq) AS m FROM (SELECT seq FROM cases WHERE seq > ? ORDER BY seq LIMIT ?)');
  const indexRange = db.prepare('INSERT INTO case_search (rowid, search_text) SELECT seq, search_text FROM cases WHERE seq > ? AND seq <= ?');
  const fieldsOf = db.prepare<{ fields: string }>('SELECT c.fields FROM responses r CROSS JOIN cases c ON c.seq = r.seq WHERE r.id = ?');
  const toMark = db.prepare<{ seq: number; id: string; fields: string }>(
    `UPDATE cases SET overdue_marked = 1 WHERE seq IN (
       SELECT seq FROM cases WHERE overdue_marked = 0 AND sentiment = 'negative' AND first_response_at IS NULL AND status IN ('new', 'acknowledged', 'resolving')
         AND first_response_due_at IS NOT NULL AND first_response_due_at <= ? ORDER BY first_response_due_at, received_at, id LIMIT ?)
     RETURNING seq, id, fields`,
  );
  const insertAlert = db.prepare("INSERT INTO pending_alerts (id, alert, response_id, next_at, kind) VALUES (?, ?, ?, 0, 'overdue') ON CONFLICT (id) DO NOTHING");
  const byEmail = db.prepare<CaseJoinRow>(
    `SELECT ${JOINED} FROM responses r CROSS JOIN cases c ON c.seq = r.seq
      WHERE r.seq > ? AND EXISTS (SELECT 1 FROM json_each(r.body, '$.answers') a WHERE a.value ->> '$.type' = 'contact' AND a.value ->> '$.email' IS NOT NULL)
      ORDER BY r.seq LIMIT 500`,
  );
  const byUserId = db.prepare<CaseJoinRow>(`SELECT ${JOINED} FROM responses r CROSS JOIN cases c ON c.seq = r.seq WHERE r.body ->> '$.user.id' = ?`);
  const deleteResponse = db.prepare('DELETE FROM responses WHERE seq = ?');
  const deleteCase = db.prepare('DELETE FROM cases WHERE seq = ?');
  const deleteAlerts = db.prepare('DELETE FROM pending_alerts WHERE response_id = ?');
  const deleteRequests = db.prepare('DELETE FROM case_requests WHERE case_id = ?');
  const insertTombstone = db.prepare('INSERT INTO tombstones (id, erased_at, actor, counts) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING');
  const selectTombstone = db.prepare<{ id: string; erased_at: string; actor: string; counts: string }>('SELECT * FROM tombstones WHERE id = ?');
  const prepared = statementCache(db);

  function appendEvents(caseId: string, events: readonly NewEvent[]): TimelineEvent[] {
    let seq = lastEvent.get(caseId)?.n ?? 1;
    return events.map((event) => {
      seq += 1;
      insertEvent.run(caseId, seq, event.type, JSON.stringify(event));
      return { seq, ...event } as TimelineEvent;
    });
  }

  function notesOf(caseId: string): string[] {
    return selectNotes.all(caseId).map((row) => (JSON.parse(row.event) as { text: string }).text);
  }

  /** Whether the case with this seq is in the FTS5 table (else its text is scanned). */
  const isIndexed = (seq: number) => seq <= (indexedTo.get()?.indexed_to ?? 0);

  function setSearchText(seq: number, text: string): void {
    const old = selectSearch.get(seq)?.search_text ?? '';
    if (old === text) return;
    if (isIndexed(seq)) {
      deleteSearch.run(seq, old);
      insertSearch.run(seq, text);
    }
    updateSearch.run(text, seq);
  }

  /** Removes one response's words and its case; keeps a tombstone and the timeline's kinds and times. */
  function eraseOne(row: CaseJoinRow, actor: string, at: string): Tombstone {
    const record = rowToRecord(row);
    const fields = JSON.parse(row.fields) as CaseFields;
    const received = receivedEvent(fields);
    const { seq: _one, ...firstEvent } = received;
    insertEvent.run(record.id, 1, received.type, JSON.stringify(firstEvent));
    const timeline = selectEvents.all(record.id).map((e) => eventOf(e.seq, e.event));
    for (const event of timeline) {
      const redacted = redactEvent(event);
      if (redacted === event) continue;
      const { seq, ...stored } = redacted;
      rewriteEvent.run(JSON.stringify(stored), record.id, seq);
    }
    appendEvents(record.id, [{ type: 'erased', at, actor }]);
    if (isIndexed(row.seq)) deleteSearch.run(row.seq, selectSearch.get(row.seq)?.search_text ?? '');
    deleteCase.run(row.seq);
    deleteResponse.run(row.seq);
    deleteAlerts.run(record.id);
    deleteRequests.run(record.id);
    rollups.add(negate(responseFacts(record)));
    rollups.add(caseCounters(fields, -1));
    const tombstone: Tombstone = { id: record.id, erasedAt: at, actor, counts: erasedCounts(record.response, timeline) };
    insertTombstone.run(tombstone.id, tombstone.erasedAt, tombstone.actor, JSON.stringify(tombstone.counts));
    return tombstone;
  }

  /** One page (and one row more) with every filter in SQL, text through the trigram index. */
  function indexed(q: NormalCaseQuery): CaseJoinRow[] {
    const { where, params } = caseWhereSql(q, mark, dialect, 'c');
    params.push(q.limit + 1);
    const sql = `SELECT ${JOINED} FROM cases c CROSS JOIN responses r ON r.seq = c.seq ${where} ORDER BY ${caseOrderSql(q.sort, 'c')} LIMIT ?`;
    return prepared<CaseJoinRow>(sql).all(...params);
  }

  /**
   * The page read from the first {@link SCAN_WINDOW} cases after the cursor in page order (the
   * order's own index, walked in order), with every filter tested on them; `undefined` when
   * fewer than a page and one pass there. SQLite's planner would rather take the index of an
   * equality (`status IN (…)`) and sort all it finds (0.5 s for the open cases of 200,000 in the
   * urgent order), and the trigram index lists every case a common word is in before the first
   * row of a page comes out; most pages fill within a few hundred cases. When they do not, the
   * filters are selective, and the planner's plan (`indexed`) reads few rows.
   */
  function windowed(q: NormalCaseQuery): CaseJoinRow[] | undefined {
    const cursorOnly: NormalCaseQuery = { ...q, status: undefined, sentiment: undefined, surveyId: undefined, reason: undefined, assignee: undefined, tag: undefined, overdue: undefined, since: undefined, until: undefined, metadata: [], terms: [] };
    const inner = caseWhereSql(cursorOnly, mark, dialect, 'x');
    const outer = caseWhereSql({ ...q, after: undefined }, mark, windowDialect, 'c');
    const params = [...inner.params, SCAN_WINDOW, ...outer.params, q.limit + 1];
    const sql =
      `SELECT ${JOINED} FROM (
         SELECT x.* FROM cases x INDEXED BY ${q.sort === 'urgent' ? 'cases_urgent' : 'cases_by_time'} ${inner.where}
         ORDER BY ${caseOrderSql(q.sort, 'x')} LIMIT ?) c
       CROSS JOIN responses r ON r.seq = c.seq ${outer.where} ORDER BY ${caseOrderSql(q.sort, 'c')} LIMIT ?`;
    const rows = prepared<CaseJoinRow>(sql).all(...params);
    return rows.length > q.limit ? rows : undefined;
  }

  return {
    insert,
    /**
     * Puts up to `max` cases not yet in the FTS5 table into it, in order; returns how many and the
     * new mark. Puts
     * leave this to a later, larger transaction: the index then writes one segment per few
     * thousand cases instead of one per commit. A seq at or below the mark that comes back
     * (SQLite reuses the largest rowid once the newest response is erased) is indexed at once.
     */
    indexSearch(max: number): { count: number; to: number } {
      const from = indexedTo.get()?.indexed_to ?? 0;
      const to = nextToIndex.get(from, max)?.m ?? null;
      if (to === null) return { count: 0, to: from };
      const count = Number(indexRange.run(from, to).changes);
      setIndexedTo.run(to);
      return { count, to };
    },
    /** Indexes the cases of a batch written at or below the mark at once (see `indexSearch`). */
    indexIfBehind(written: readonly { seq: number; text: string }[]): void {
      const mark = indexedTo.get()?.indexed_to ?? 0;
      for (const { seq, text } of written) if (seq <= mark) insertSearch.run(seq, text);
    },
    get(id: string, now: number): CaseRecord | undefined {
      const row = selectJoined.get(id);
      return row ? joinedToRecord(row, now) : undefined;
    },
    timeline(id: string): TimelineEvent[] {
      // A live case's received entry is its row; an erased one's was stored when it was erased.
      const stored = selectEvents.all(id).map((row) => eventOf(row.seq, row.event));
      const live = fieldsOf.get(id);
      return live ? [receivedEvent(JSON.parse(live.fields) as CaseFields), ...stored] : stored;
    },
    /** Applies a change; `events` are those appended (for watchers). */
    change(id: string, change: CaseChange, now: number): CaseChangeResult {
      const row = selectJoined.get(id);
      if (!row) return { kind: 'missing' };
      const current = JSON.parse(row.fields) as CaseFields;
      const response = JSON.parse(row.body as string) as SurveyResponse;
      if (change.idempotency) {
        // A key names one request: the same key on another case, or with another body, is a reuse.
        const seen = selectRequest.get(change.idempotency.key);
        if (seen) {
          const repeat = seen.case_id === id && seen.digest === change.idempotency.digest;
          return { kind: repeat ? 'repeat' : 'key-reused', case: caseView(current, response, now) };
        }
      }
      if (change.expectedVersion !== undefined && change.expectedVersion !== current.version) {
        return { kind: 'conflict', case: caseView(current, response, now) };
      }
      const outcome = applyChange(current, change);
      if (!outcome.ok) throw new CaseRuleError(outcome.message);
      if (change.idempotency) insertRequest.run(id, change.idempotency.key, change.idempotency.digest);
      if (outcome.changed) {
        update.run(...caseValues(outcome.next), row.seq);
        rollups.add(caseCounters(current, -1));
        rollups.add(caseCounters(outcome.next, 1));
      }
      const events = appendEvents(id, outcome.events);
      if (outcome.events.some((e) => e.type === 'note_added')) setSearchText(row.seq, searchTextOf({ response }, notesOf(id)));
      return { kind: 'applied', case: caseView(outcome.next, response, now), events };
    },
    /** Marks due cases overdue once; returns their ids and versions. */
    markOverdue(now: number, alerts: readonly string[], limit: number): { id: string; version: number }[] {
      const marked = toMark.all(now, limit);
      const at = new Date(now).toISOString();
      for (const row of marked) {
        appendEvents(row.id, [{ type: 'overdue', target: 'first_response', at, actor: 'system' }]);
        for (const alert of alerts) insertAlert.run(`${row.id}:overdue:${alert}`, alert, row.id);
      }
      return marked.map((row) => ({ id: row.id, version: (JSON.parse(row.fields) as CaseFields).version }));
    },
    erase(target: EraseTarget, actor: string, at: string): Tombstone[] {
      const rows: CaseJoinRow[] = [];
      if ('responseId' in target) {
        const row = selectJoined.get(target.responseId);
        if (row) rows.push(row);
      } else if ('userId' in target) {
        rows.push(...byUserId.all(target.userId));
      } else {
        for (let after = 0; ; ) {
          const page = byEmail.all(after);
          for (const row of page) if (eraseTargetMatches(target, JSON.parse(row.body as string) as SurveyResponse)) rows.push(row);
          if (page.length < 500) break;
          after = page.at(-1)!.seq;
        }
      }
      return rows.map((row) => eraseOne(row, actor, at));
    },
    tombstone(id: string): Tombstone | undefined {
      const row = selectTombstone.get(id);
      return row ? { id: row.id, erasedAt: row.erased_at, actor: row.actor, counts: JSON.parse(row.counts) as Tombstone['counts'] } : undefined;
    },
    list(q: NormalCaseQuery): { items: CaseRecord[]; nextCursor: string | null } {
      const rows = windowed(q) ?? indexed(q);
      const items = rows.map((row) => joinedToRecord(row, q.now));
      const page = casePageOf(items, q, (item) => casePositionOf(item.case));
      return { items: page.rows, nextCursor: page.nextCursor };
    },
  };
}

export type CaseTables = ReturnType<typeof caseTables>;

/**
 * A reader of export pages, oldest first, each after `(receivedAt, id)`, on `db` (the export
 * opens a connection of its own with a small page cache, so a long export neither grows memory
 * nor pushes the serving connection's pages out).
 */
export function exportReader(db: SqliteConnection) {
  const prepared = statementCache(db);
  // Rows as read: the caller turns each into a record as it hands it on, so a page is never held twice.
  return (after: { receivedAt: number; id: string }, surveyId: string | undefined, since: number | undefined, size: number): CaseJoinRow[] => {
    const conditions = ['(c.received_at, c.id) > (?, ?)'];
    const params: unknown[] = [after.receivedAt, after.id];
    if (surveyId !== undefined) conditions.push('c.survey_id = ?'), params.push(surveyId);
    if (since !== undefined) conditions.push('c.received_at >= ?'), params.push(since);
    params.push(size);
    const sql = `SELECT ${JOINED} FROM cases c CROSS JOIN responses r ON r.seq = c.seq WHERE ${conditions.join(' AND ')} ORDER BY c.received_at, c.id LIMIT ?`;
    return prepared<CaseJoinRow>(sql).all(...params);
  };
}
