/**
 * Statements whose SQL is built per query (filters vary), prepared once per distinct text and
 * kept for the life of the connection: a page or a summary with the same filters reuses its plan.
 */
import type { SqliteConnection, SqliteStatement } from './sqlite-driver.js';

/** A `prepare` that returns the same statement for the same SQL text. */
export function statementCache(db: SqliteConnection): <Row>(sql: string) => SqliteStatement<Row> {
  const statements = new Map<string, SqliteStatement>();
  return <Row>(sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement as SqliteStatement<Row>;
  };
}
