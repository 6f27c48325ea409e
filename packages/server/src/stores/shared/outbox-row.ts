/**
 * The shape of an outbox row and the id rule, shared by the stores so an alert's id is the same
 * wherever it is kept: one row per (response, alert sink) for the arrival, and one per
 * (response, alert sink) for the overdue case.
 */
import type { PendingAlert } from '../../store.js';

/** `${responseId}:${alert}` for an arrival alert, `${responseId}:overdue:${alert}` for an overdue one. */
export function alertId(responseId: string, alert: string, kind: PendingAlert['kind'] = 'response'): string {
  return kind === 'response' ? `${responseId}:${alert}` : `${responseId}:overdue:${alert}`;
}

/** An outbox row as the stores keep it. `nextAt` null = given up. */
export interface OutboxRow {
  id: string;
  alert: string;
  responseId: string;
  kind: PendingAlert['kind'];
  attempts: number;
  nextAt: number | null;
  lastError: string | null;
}
