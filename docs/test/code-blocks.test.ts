/**
 * Every code block in the docs and READMEs is checked here, so the docs cannot drift from the
 * code: TypeScript blocks are type-checked against the packages' sources (each block is a
 * module of its own), JSON surveys/responses go through the schema, shell lines must name real
 * scripts and commands, HTML snippets must carry a valid survey, CSS must use the widget's real
 * custom properties and parts. `text` blocks are output
 * samples and are not checked.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseResponse, parseSurvey } from '@earful/schema';
import { describe, expect, it } from 'vitest';
import { codeBlocks, documentFiles, repoRoot, type CodeBlock } from './code-blocks.js';

const blocks = documentFiles().flatMap(codeBlocks);
const byLang = (...langs: string[]) => blocks.filter((b) => langs.includes(b.lang));
const where = (b: CodeBlock) => `${b.file}:${b.line}`;

const KNOWN_LANGS = ['ts', 'tsx', 'typescript', 'json', 'jsonc', 'sh', 'bash', 'shell', 'html', 'text', 'css'];

it('every code block names a language this test knows how to check', () => {
  const unknown = blocks.filter((b) => !KNOWN_LANGS.includes(b.lang)).map((b) => `${where(b)} (${b.lang || 'no language'})`);
  expect(unknown).toEqual([]);
  expect(blocks.length).toBeGreaterThan(3);
});

describe('TypeScript blocks type-check against the packages', () => {
  const tsBlocks = byLang('ts', 'tsx', 'typescript');
  it(`all ${tsBlocks.length} blocks compile`, () => {
    const dir = join(repoRoot, 'docs', 'node_modules', '.code-blocks');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const names = tsBlocks.map((b, i) => {
      const name = `block-${String(i).padStart(3, '0')}.${b.lang === 'tsx' ? 'tsx' : 'ts'}`;
      writeFileSync(join(dir, name), `// ${where(b)}\n${b.code}\n`);
      return name;
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: join(repoRoot, 'tsconfig.json'),
        compilerOptions: { noEmit: true, types: ['node'], noUnusedLocals: false },
        include: ['*.ts', '*.tsx'],
      }),
    );
    const tsc = join(repoRoot, 'node_modules', '.bin', 'tsc');
    const result = spawnSync(tsc, ['-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8' });
    // Point each diagnostic at the markdown file and line it came from.
    const report = (result.stdout + result.stderr).replace(/block-(\d+)\.tsx?\((\d+),\d+\)/g, (_m, i: string, line: string) => {
      const b = tsBlocks[Number(i)]!;
      return `${b.file}:${b.line + Number(line) - 1}`;
    });
    expect(report.trim()).toBe('');
    expect(result.status).toBe(0);
    expect(names.length).toBe(tsBlocks.length);
  });
});

describe.runIf(byLang('json', 'jsonc').length > 0)('JSON blocks parse, and surveys/responses pass the schema', () => {
  it.each(byLang('json', 'jsonc').map((b) => [where(b), b] as const))('%s', (_w, b) => {
    const value = JSON.parse(b.code) as Record<string, unknown>;
    if ('questions' in value) expect(() => parseSurvey(value)).not.toThrow();
    if ('schemaVersion' in value) expect(() => parseResponse(value)).not.toThrow();
  });
});

const rootScripts = Object.keys((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: object }).scripts);
const workspacePackages = new Map<string, string[]>();
for (const group of ['packages', 'examples', 'docs']) {
  for (const dir of group === 'docs' ? [join(repoRoot, 'docs')] : readdirSync(join(repoRoot, group)).map((n) => join(repoRoot, group, n))) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; scripts?: object };
      workspacePackages.set(pkg.name, Object.keys(pkg.scripts ?? {}));
    } catch {
      // not a package
    }
  }
}
const CLI_COMMANDS = ['serve', 'export', 'stats', 'check-receiver', 'users', 'keys', 'login-link', 'erase', '--help', 'help'];
const OTHER_TOOLS = ['cd', 'git', 'node', 'curl', 'apt-get', 'sudo', 'open', 'echo', 'export', 'mkdir', 'cp'];

/** Why a shell command is not real, or null when it is. */
function shellProblem(command: string): string | null {
  const words = command.trim().split(/\s+/);
  let [tool, ...args] = words;
  if (tool === 'npx' && args[0] === '--yes' && args[1]?.startsWith('pnpm')) [tool, ...args] = ['pnpm', ...args.slice(2)];
  if (tool === 'npx' && args[0] === 'earful') [tool, ...args] = args as [string, ...string[]];
  if (tool === 'pnpm') {
    let filter: string | undefined;
    if (args[0] === '--filter' || args[0] === '-F') {
      filter = args[1];
      args = args.slice(2);
    }
    const [sub, ...rest] = args;
    if (sub === undefined) return 'bare pnpm';
    if (['install', 'i', 'changeset', 'exec', 'dlx'].includes(sub)) return null;
    if (sub === 'add') {
      const unknown = rest.filter((p) => p.startsWith('@earful/') && !workspacePackages.has(p));
      return unknown.length ? `unknown package ${unknown.join(', ')}` : null;
    }
    const scripts = filter ? workspacePackages.get(filter) : rootScripts;
    if (!scripts) return `unknown package ${filter}`;
    const script = sub === 'run' ? rest[0] : sub;
    return script && scripts.includes(script) ? null : `no script "${script}" in ${filter ?? 'the root package.json'}`;
  }
  if (tool === 'npm' && (args[0] === 'install' || args[0] === 'i')) {
    const unknown = args.slice(1).filter((p) => !p.startsWith('-') && p.startsWith('@earful/') && !workspacePackages.has(p));
    return unknown.length ? `unknown package ${unknown.join(', ')}` : null;
  }
  if (tool === 'earful') return CLI_COMMANDS.includes(args[0] ?? '') ? null : `unknown earful command "${args[0]}"`;
  if (tool && OTHER_TOOLS.includes(tool)) return null;
  return `unknown command "${tool}"`;
}

describe.runIf(byLang('sh', 'bash', 'shell').length > 0)('shell blocks name real scripts and commands', () => {
  it.each(byLang('sh', 'bash', 'shell').map((b) => [where(b), b] as const))('%s', (_w, b) => {
    const problems = b.code
      .replace(/\\\n/g, ' ')
      .split('\n')
      .map((l) => l.replace(/^\$\s*/, '').trim())
      .filter((l) => l && !l.startsWith('#'))
      .flatMap((l) => l.split(/&&|\|\||;|\|/))
      .map((c) => [c.trim(), shellProblem(c.trim())] as const)
      .filter(([, p]) => p !== null);
    expect(problems).toEqual([]);
  });
});

function widgetSource(dir = join(repoRoot, 'packages', 'widget', 'src')): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => (entry.isDirectory() ? widgetSource(join(dir, entry.name)) : readFileSync(join(dir, entry.name), 'utf8')))
    .join('\n');
}

describe.runIf(byLang('css').length > 0)('CSS blocks use custom properties and parts the widget has', () => {
  const source = widgetSource();
  const parts = new Set<string>();
  for (const m of source.matchAll(/part="([^"]+)"/g)) m[1]!.split(/\s+/).forEach((p) => parts.add(p));
  for (const m of source.matchAll(/setAttribute\('part',([^)]*)\)/g)) for (const q of m[1]!.matchAll(/'([a-z-]+)'/g)) parts.add(q[1]!);
  it.each(byLang('css').map((b) => [where(b), b] as const))('%s', (_w, b) => {
    const unknownProps = [...b.code.matchAll(/(--earful-[a-z-]+)/g)].map((m) => m[1]!).filter((p) => !source.includes(p));
    const unknownParts = [...b.code.matchAll(/::part\(([a-z-]+)\)/g)].map((m) => m[1]!).filter((p) => !parts.has(p));
    expect({ unknownProps, unknownParts }).toEqual({ unknownProps: [], unknownParts: [] });
    expect(parts.size).toBeGreaterThan(5);
  });
});

describe.runIf(byLang('html').length > 0)('HTML blocks carry a valid survey', () => {
  it.each(byLang('html').map((b) => [where(b), b] as const))('%s', (_w, b) => {
    for (const match of b.code.matchAll(/<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/g)) {
      expect(() => parseSurvey(JSON.parse(match[1]!))).not.toThrow();
    }
    for (const match of b.code.matchAll(/data-survey='(\{[\s\S]*?\})'/g)) {
      expect(() => parseSurvey(JSON.parse(match[1]!))).not.toThrow();
    }
    for (const match of b.code.matchAll(/data-endpoint="([^"]*)"/g)) {
      expect(match[1]).toMatch(/^https?:\/\//);
    }
  });
});
