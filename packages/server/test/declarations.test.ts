/**
 * The published `.d.ts` files show users only the public API: emitted here in memory, as the
 * build emits them, and walked from every entry of the exports map. A type a user passes that
 * still lived in `internal/` (as `AlertRetryPolicy` and `BucketPolicy` once did), or a handler
 * type that spelled out the pipeline, would pull an internal file into the walk.
 */
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const ENTRIES = ['index', 'stores/sqlite', 'stores/postgres', 'cli/run'];

function emitDeclarations(): Map<string, string> {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('tsconfig.build.json could not be read');
  const program = ts.createProgram(config.fileNames, { ...config.options, declaration: true, emitDeclarationOnly: true, noEmit: false });
  const files = new Map<string, string>();
  program.emit(undefined, (name, text) => {
    if (name.endsWith('.d.ts')) files.set(relative(join(root, 'dist'), name).replace(/\\/g, '/'), text);
  });
  return files;
}

/** Every declaration file reachable from `entries` by relative imports and re-exports. */
function reachable(files: Map<string, string>, entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = files.get(file);
    if (text === undefined) throw new Error(`${file} was not emitted`);
    for (const match of text.matchAll(/(?:from\s+|import\()\s*'(\.[^']+)'/g)) {
      walk(posix.join(posix.dirname(file), match[1]!.replace(/\.js$/, '.d.ts')));
    }
  };
  for (const entry of entries) walk(`${entry}.d.ts`);
  return seen;
}

describe('published declarations', () => {
  const files = emitDeclarations();

  it('reach no internal file from any entry', () => {
    const seen = [...reachable(files, ENTRIES)];
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((file) => file.startsWith('internal/') || file.includes('/shared/'))).toEqual([]);
  });

  it('keep the handler pipeline opaque', () => {
    const handler = files.get('create-handler.d.ts') ?? '';
    expect(handler).toContain('readonly [PIPELINE]: HandlerCore;');
    expect(handler).not.toMatch(/createPipeline|Incoming|Reply/);
  });
});
