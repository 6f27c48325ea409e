/**
 * The survey definition reference must list exactly the fields of survey.schema.json: a field
 * added to the schema without docs, or documented but not in the schema, fails here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

type Node = { properties?: Record<string, Node>; items?: Node; anyOf?: Node[]; oneOf?: Node[]; allOf?: Node[] };

function fieldPaths(node: Node | undefined, path: string, out: Set<string>): Set<string> {
  if (!node || typeof node !== 'object') return out;
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const p = path ? `${path}.${key}` : key;
    out.add(p);
    fieldPaths(child, p, out);
  }
  for (const list of [node.anyOf, node.oneOf, node.allOf]) list?.forEach((n) => fieldPaths(n, path, out));
  if (node.items) fieldPaths(node.items, `${path}[]`, out);
  return out;
}

it('docs/survey-definition.md documents every field of the survey schema, and no others', () => {
  const file = new URL('../../packages/schema/dist/survey.schema.json', import.meta.url);
  expect(existsSync(file), 'build @earful/schema first (pnpm build)').toBe(true);
  const schemaPaths = fieldPaths(JSON.parse(readFileSync(file, 'utf8')) as Node, '', new Set());
  const doc = readFileSync(new URL('../survey-definition.md', import.meta.url), 'utf8');
  const documented = new Set([...doc.matchAll(/^\| `([A-Za-z[\].]+)` \|/gm)].map((m) => m[1]!));
  expect([...schemaPaths].filter((p) => !documented.has(p)), 'fields missing from the docs').toEqual([]);
  expect([...documented].filter((p) => !schemaPaths.has(p)), 'documented fields the schema does not have').toEqual([]);
  expect(schemaPaths.size).toBeGreaterThan(40);
});
