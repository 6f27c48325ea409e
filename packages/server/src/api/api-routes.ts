/**
 * Every `/api` route in one table: method, path under `/api`, and the function that answers it.
 * The router (`create-api-handler.ts`) authenticates, checks CSRF and read-only keys, and then
 * calls the function; the functions themselves live in `routes/*.ts`. The OpenAPI document
 * describes the same table. Paths take `:name` parameters (one whole segment each).
 */
import { problemResponse, type ApiRoute } from './api-context.js';

/** One row of the table. */
export interface ApiRouteEntry {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Under `/api`, e.g. `/cases/:id`. */
  readonly path: string;
  /** The route's name (its function's name in `routes/`). */
  readonly name: string;
  readonly route: ApiRoute;
}

/** A route that is declared but not written yet: 501, so a client sees what is missing. */
function pending(name: string): ApiRoute {
  return async () => problemResponse(501, 'not_implemented', `${name} is not available in this build of @earful/server`);
}

/** The authenticated routes. Sign-in routes (`/session`, `/setup`, `/session/link`) are `session-routes.ts`. */
export const API_ROUTES: readonly ApiRouteEntry[] = [
  { method: 'GET', path: '/cases', name: 'listCases', route: pending('listCases') },
  { method: 'GET', path: '/cases/:id', name: 'getCase', route: pending('getCase') },
  { method: 'PATCH', path: '/cases/:id', name: 'patchCase', route: pending('patchCase') },
  { method: 'POST', path: '/cases/:id/notes', name: 'addNote', route: pending('addNote') },
  { method: 'POST', path: '/cases/:id/replies', name: 'sendReply', route: pending('sendReply') },
  { method: 'POST', path: '/cases/:id/follow-up', name: 'followUp', route: pending('followUp') },
  { method: 'GET', path: '/summary', name: 'summary', route: pending('summary') },
  { method: 'GET', path: '/export', name: 'exportResponses', route: pending('exportResponses') },
  { method: 'GET', path: '/events', name: 'events', route: pending('events') },
  { method: 'DELETE', path: '/responses/:id', name: 'eraseResponse', route: pending('eraseResponse') },
  { method: 'GET', path: '/templates', name: 'listTemplates', route: pending('listTemplates') },
  { method: 'GET', path: '/surveys', name: 'listSurveys', route: pending('listSurveys') },
  { method: 'GET', path: '/users', name: 'listUsers', route: pending('listUsers') },
  { method: 'GET', path: '/openapi.json', name: 'openapi', route: pending('openapi') },
];
