/**
 * Every `/api` route in one table: method, path under `/api`, and the function that answers it.
 * The router (`create-api-handler.ts`) authenticates, checks CSRF and read-only keys, and then
 * calls the function; the functions themselves live in `routes/*.ts`. The OpenAPI document
 * describes the same table. Paths take `:name` parameters (one whole segment each).
 */
import type { ApiRoute } from './api-context.js';
import { listCases, getCase, patchCase } from './routes/cases.js';
import { eraseResponse } from './routes/erase.js';
import { events } from './routes/events.js';
import { exportResponses } from './routes/export.js';
import { followUp } from './routes/follow-up.js';
import { listSurveys, listTemplates, listUsers } from './routes/lists.js';
import { addNote } from './routes/notes.js';
import { openapi } from './routes/openapi.js';
import { sendReply } from './routes/replies.js';
import { summary } from './routes/summary.js';

/** One row of the table. */
export interface ApiRouteEntry {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Under `/api`, e.g. `/cases/:id`. */
  readonly path: string;
  /** The route's name (its function's name in `routes/`). */
  readonly name: string;
  readonly route: ApiRoute;
}

/** The authenticated routes. Sign-in routes (`/session`, `/setup`, `/session/link`) are `session-routes.ts`. */
export const API_ROUTES: readonly ApiRouteEntry[] = [
  { method: 'GET', path: '/cases', name: 'listCases', route: listCases },
  { method: 'GET', path: '/cases/:id', name: 'getCase', route: getCase },
  { method: 'PATCH', path: '/cases/:id', name: 'patchCase', route: patchCase },
  { method: 'POST', path: '/cases/:id/notes', name: 'addNote', route: addNote },
  { method: 'POST', path: '/cases/:id/replies', name: 'sendReply', route: sendReply },
  { method: 'POST', path: '/cases/:id/follow-up', name: 'followUp', route: followUp },
  { method: 'GET', path: '/summary', name: 'summary', route: summary },
  { method: 'GET', path: '/export', name: 'exportResponses', route: exportResponses },
  { method: 'GET', path: '/events', name: 'events', route: events },
  { method: 'DELETE', path: '/responses/:id', name: 'eraseResponse', route: eraseResponse },
  { method: 'GET', path: '/templates', name: 'listTemplates', route: listTemplates },
  { method: 'GET', path: '/surveys', name: 'listSurveys', route: listSurveys },
  { method: 'GET', path: '/users', name: 'listUsers', route: listUsers },
  { method: 'GET', path: '/openapi.json', name: 'openapi', route: openapi },
];
