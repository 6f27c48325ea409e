/**
 * The shape of an outbox row and the id rule, shared by the stores so an alert's id is the same
 * wherever it is kept: one row per (response, alert sink).
 */
export function alertId(responseId: string, alert: string): string {
  return `${responseId}:${alert}`;
}

/** An outbox row as the stores keep it. `nextAt` null = given up. */
export interface OutboxRow {
  id: string;
  alert: string;
  responseId: string;
  attempts: number;
  nextAt: number | null;
  lastError: string | null;
}
