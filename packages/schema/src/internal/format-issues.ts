/**
 * Turns zod issues into plain-words field problems (`answers[0].value: must be …`). zod/mini
 * ships no message locale (loading one would configure the host app's zod too), so the words
 * are made here from each issue's data; messages we gave to a check are used as they are.
 */
import type { core } from 'zod/mini';
import type { FieldProblem } from '../errors.js';

/** `['answers', 0, 'value']` → `answers[0].value`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'object') return 'an object';
  return typeof value === 'undefined' ? 'nothing' : `a ${typeof value}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

const EXPECTED: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  record: 'an object',
};

function sizeWords(origin: string, n: number | bigint): string {
  if (origin === 'string') return `${n} characters`;
  if (origin === 'array' || origin === 'set') return `${n} items`;
  return String(n);
}

function plainWords(issue: core.$ZodIssue, input: unknown): string {
  // Messages we wrote on checks (and zod's literal defaults for refine) come through as given.
  const given = issue.message && issue.message !== 'Invalid input' ? issue.message : undefined;
  switch (issue.code) {
    case 'invalid_type': {
      const found = valueAt(input, issue.path);
      if (found === undefined) return `is required (${EXPECTED[issue.expected] ?? issue.expected})`;
      return given ?? `must be ${EXPECTED[issue.expected] ?? issue.expected}, got ${typeOf(found)}`;
    }
    case 'too_small':
      return given ?? `must be at least ${sizeWords(issue.origin, issue.minimum)}`;
    case 'too_big':
      return given ?? `must be at most ${sizeWords(issue.origin, issue.maximum)}`;
    case 'invalid_value':
      return given ?? `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'unrecognized_keys':
      return `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`;
    case 'invalid_union': {
      const { note, options } = issue as core.$ZodIssueInvalidUnion & {
        note?: string;
        options?: unknown[];
      };
      if (note === 'No matching discriminator' && options) {
        const found = valueAt(input, issue.path);
        return `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}${found === undefined ? '' : `, got ${JSON.stringify(found)}`}`;
      }
      return given ?? 'does not match any of the allowed shapes';
    }
    case 'invalid_format':
      return given ?? `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return given ?? `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_key':
      return given ?? 'has an invalid key';
    case 'invalid_element':
      return given ?? 'has an invalid element';
    default:
      return given ?? 'is not valid';
  }
}

/**
 * Plain-words problems for zod issues; `input` is what was parsed (used to say what was found).
 * An `invalid_key` issue of a record is reported at the key's own path.
 */
export function formatIssues(issues: readonly core.$ZodIssue[], input: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_key' || issue.code === 'invalid_element') {
      const inner = (issue as { issues?: core.$ZodIssue[] }).issues ?? [];
      const key = issue.code === 'invalid_key' ? (issue as { key?: PropertyKey }).key : undefined;
      const path = key === undefined ? issue.path : [...issue.path, key];
      if (inner.length > 0) {
        for (const p of formatIssues(inner, undefined)) {
          problems.push({ path: formatPath(path), message: p.message });
        }
        continue;
      }
    }
    problems.push({ path: formatPath(issue.path), message: plainWords(issue, input) });
  }
  return problems;
}
