/** `GET /api/openapi.json`: the OpenAPI 3.1 document (see `../openapi.ts`). */
import { jsonResponse, type ApiContext } from '../api-context.js';
import { openApiDocument } from '../openapi.js';

/** Answers the document; it is the same for every caller, so clients may cache it for an hour. */
export async function openapi(_context: ApiContext): Promise<Response> {
  return jsonResponse(200, openApiDocument(), { 'cache-control': 'private, max-age=3600' });
}
