/**
 * The lists a client needs beside the cases: reply templates (`GET /api/templates?locale=ko`),
 * survey definitions for labels (`GET /api/surveys`), and staff emails for the assignee picker
 * (`GET /api/users` — emails only, never a password hash).
 */
import { LOCALE_PATTERN, type FieldProblem, type ReplyTemplate, type StaffMember, type Survey } from '@earful/schema';
import { LOCALE_WORDS } from '@earful/schema/lean';
import { listTemplates as templatesOf } from '../../mail/templates.js';
import { jsonResponse, type ApiContext } from '../api-context.js';
import { badQuery, queryParams } from './query-params.js';

/** The reply templates, as written (with `{name}`-style variables); with `locale`, one per name in the locale replies would use. */
export async function listTemplates(context: ApiContext): Promise<Response> {
  const fields: FieldProblem[] = [];
  const { locale } = queryParams(context.url.searchParams, ['locale'], fields);
  if (locale !== undefined && (locale.length > 35 || !LOCALE_PATTERN.test(locale))) fields.push({ path: 'locale', message: LOCALE_WORDS });
  if (fields.length > 0) throw badQuery(fields);
  const templates: ReplyTemplate[] = templatesOf(context.deps.templates, locale);
  return jsonResponse(200, templates);
}

/** The survey definitions this receiver was given, for labels in the customer's language. */
export async function listSurveys(context: ApiContext): Promise<Response> {
  const fields: FieldProblem[] = [];
  queryParams(context.url.searchParams, [], fields);
  if (fields.length > 0) throw badQuery(fields);
  const surveys: Survey[] = [...context.deps.surveys.values()];
  return jsonResponse(200, surveys);
}

/** The staff members' emails, sorted. */
export async function listUsers(context: ApiContext): Promise<Response> {
  const users = await context.deps.store.auth.listUsers();
  const members: StaffMember[] = users.map((user) => ({ email: user.email })).sort((a, b) => a.email.localeCompare(b.email));
  return jsonResponse(200, members);
}
