/**
 * Every install path a user takes, from the packed tarballs, in throw-away projects under
 * os.tmpdir() — outside the workspace, so nothing is linked and nothing is found by accident.
 * Each package's `files`, `exports` and declared dependencies are what make these pass.
 *
 * npm installs the tarballs (a project per path, better-sqlite3 compiled once, npm's cache
 * reused); pnpm installs them once more with its strict layout (no hoisting: a dependency a
 * package forgot to declare fails there). The commands come from the marked blocks of the
 * README and docs/getting-started.md, with our package names swapped for their tarballs.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@earful/devtools/chromium';
import { serveFiles, serveLoopback, type Loopback } from '@earful/devtools/loopback';
import { startPostgres, type PostgresServer } from '../../../packages/server/test/support/postgres-harness.js';
import { docBlock, withTarballs } from './support/docs.js';
import { packAll, type Packed } from './support/pack.js';
import { mustRun, sh, startLong } from './support/run.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const ROOT = join(tmpdir(), `earful-install-paths-${process.pid}`);
const NPM = '--prefer-offline --no-audit --no-fund';
const INSTALL_MS = 420_000;

const project = {
  /** @earful/server with SQLite and PostgreSQL, and the earful CLI: the one better-sqlite3 build. */
  server: join(ROOT, 'server'),
  /** @earful/server without any driver: what a missing optional peer looks like. */
  bare: join(ROOT, 'bare'),
  /** @earful/sdk and @earful/widget: plain Node ESM, a Vite app, the script-tag files. */
  client: join(ROOT, 'client'),
  /** pnpm 10 with better-sqlite3 in onlyBuiltDependencies, and the SDK, in pnpm's strict layout. */
  pnpm: join(ROOT, 'pnpm'),
  /** pnpm 10 without approving the build: what a skipped install script looks like. */
  pnpmUnbuilt: join(ROOT, 'pnpm-unbuilt'),
};

let packed: Map<string, Packed>;
const tarballs = new Map<string, string>();
/** Each doc line this test ran, as the doc shows it. */
const ran: string[] = [];
const timings: [string, number][] = [];
let pg: PostgresServer | undefined;
/** What npm printed while it installed (and built) better-sqlite3. */
let sqliteInstallLog = '';
let browser: Browser | undefined;
const servers: Loopback[] = [];

function write(dir: string, pkg: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `earful-try-${dir.split('/').pop()}`, private: true, type: 'module', ...pkg }, null, 2)}\n`);
}

/** Our packages that `names` pull in (themselves included), as the registry would serve them. */
function withDependencies(names: string[]): string[] {
  const all = new Set<string>();
  const visit = (name: string) => {
    if (all.has(name) || !packed.has(name)) return;
    all.add(name);
    for (const dep of Object.keys(packed.get(name)!.manifest.dependencies ?? {})) visit(dep);
  };
  names.forEach(visit);
  return [...all];
}

/** The `earful` tarball and those of our packages it pulls in, as one `npm install` argument list. */
const earfulWithDependencies = () => withDependencies(['earful']).map((name) => tarballs.get(name)!).join(' ');

/** Runs a documented `npm install …` line in `dir`, our packages (and theirs) taken from tarballs. */
async function npmInstall(line: string, dir: string, extra = ''): Promise<string> {
  const words = line.split(' ');
  const ours = words.filter((w) => packed.has(w));
  const deps = withDependencies(ours).filter((name) => !ours.includes(name));
  const command = `${withTarballs(line, tarballs)} ${deps.map((d) => tarballs.get(d)!).join(' ')} ${NPM} ${extra}`.trim();
  const started = Date.now();
  const result = await mustRun(command, dir, { timeoutMs: INSTALL_MS });
  // What the user sees: npm's "added N packages", and node_modules so far.
  const added = /added \d+ packages?|up to date/.exec(result.stdout)?.[0] ?? 'no summary';
  timings.push([`${dir.split('/').pop()}: ${line} (${added}; node_modules now ${await duKb(dir)})`, Date.now() - started]);
  ran.push(line);
  return result.stderr;
}

function response(surveyId: string, value: number): string {
  return JSON.stringify({
    schemaVersion: 1,
    id: crypto.randomUUID(),
    surveyId,
    createdAt: new Date().toISOString(),
    locale: 'en',
    answers: [{ type: 'rating', questionId: 'rating', scale: 'csat5', value }],
  });
}

async function post(endpoint: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer();
  return res.status;
}

/** Serves `dir` on loopback; resolves with its URL. */
async function serveStatic(dir: string): Promise<string> {
  const server = await serveLoopback(serveFiles({ '/': dir }));
  servers.push(server);
  return `${server.url}/`;
}

function duKb(dir: string): Promise<string> {
  return sh('du -sk --apparent-size node_modules | cut -f1', dir).then((r) => `${(Number(r.stdout.trim()) / 1024).toFixed(1)} MB`);
}

beforeAll(async () => {
  rmSync(ROOT, { recursive: true, force: true });
  mkdirSync(join(ROOT, 'tarballs'), { recursive: true });
  const started = Date.now();
  packed = packAll(join(ROOT, 'tarballs'));
  for (const [name, p] of packed) tarballs.set(name, p.tarball);
  timings.push(['pnpm pack (every published package)', Date.now() - started]);

  const overrides = Object.fromEntries([...tarballs].map(([name, path]) => [name, `file:${path}`]));
  write(project.server, {});
  write(project.bare, {});
  write(project.client, {});
  // pnpm's overrides stand in for the registry: `pnpm add earful` gets the tarball.
  write(project.pnpm, { pnpm: { overrides, onlyBuiltDependencies: ['better-sqlite3'] } });
  write(project.pnpmUnbuilt, { pnpm: { overrides } });

  const readme = docBlock('README.md', 'readme');
  const serverLines = docBlock('docs/getting-started.md', 'server');
  const sdkLine = docBlock('docs/getting-started.md', 'sdk');
  const scriptTag = docBlock('docs/getting-started.md', 'script-tag');
  const npmOnly = (lines: string[], pattern: RegExp) => lines.filter((l) => l.startsWith('npm install') && pattern.test(l));

  const serverPath = (async () => {
    // The code path first (it compiles better-sqlite3), then PostgreSQL's driver, then the CLI
    // package, which reuses that build.
    for (const line of new Set(npmOnly([...serverLines, ...readme], /@earful\/server/))) {
      const log = await npmInstall(line, project.server);
      if (line.includes('better-sqlite3')) sqliteInstallLog = log;
    }
    await npmInstall('npm install earful', project.server);
  })();
  const barePath = npmInstall('npm install @earful/server', project.bare);
  const clientPath = (async () => {
    const installs = new Set(npmOnly([...sdkLine, ...readme, ...scriptTag], /@earful\/(sdk|widget)/));
    for (const line of installs) await npmInstall(line, project.client);
    for (const line of scriptTag.filter((l) => !installs.has(l))) (await mustRun(line, project.client), ran.push(line));
    await npmInstall('npm install vite', project.client);
  })();
  const pnpmPath = (async () => {
    const s = Date.now();
    await mustRun('pnpm add earful @earful/sdk @earful/widget vite --prefer-offline', project.pnpm, { timeoutMs: INSTALL_MS });
    timings.push(['pnpm: pnpm add earful @earful/sdk @earful/widget vite (onlyBuiltDependencies: better-sqlite3)', Date.now() - s]);
  })();
  const pnpmUnbuiltPath = mustRun('pnpm add earful --prefer-offline', project.pnpmUnbuilt, { timeoutMs: INSTALL_MS });
  const postgres = startPostgres().then((server) => (pg = server));
  const results = await Promise.allSettled([serverPath, barePath, clientPath, pnpmPath, pnpmUnbuiltPath, postgres]);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length > 0) throw new AggregateError(failed.map((f) => f.reason), failed.map((f) => String(f.reason)).join('\n\n'));
  timings.push(['all installs (in parallel)', Date.now() - started]);
  browser = await launchChromium();
}, INSTALL_MS + 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.close()));
  await pg?.stop();
  if (packed) {
    const rows = [...packed.values()].map((p) => `  ${p.name.padEnd(16)} ${String(p.gzipBytes).padStart(9)} B gzip  ${String(p.unpackedBytes).padStart(9)} B unpacked  ${p.files.length} files`);
    const installed = await Promise.all(Object.entries(project).map(async ([name, dir]) => `  ${name.padEnd(12)} node_modules ${existsSync(join(dir, 'node_modules')) ? await duKb(dir) : '—'}`));
    console.log(['install-paths: tarballs', ...rows, 'install-paths: projects', ...installed, 'install-paths: timings', ...timings.map(([what, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${what}`)].join('\n'));
  }
  rmSync(ROOT, { recursive: true, force: true });
});

describe('tarballs', () => {
  it('carry built code, types and docs, and no source, maps or tests', () => {
    for (const p of packed.values()) {
      expect(p.files, p.name).toContain('package.json');
      expect(p.files, p.name).toContain('README.md');
      expect(p.files, p.name).toContain('CHANGELOG.md');
      expect(p.files.filter((f) => /\.map$|\.tsbuildinfo$|^src\/|^test\//.test(f)), p.name).toEqual([]);
      // pnpm pack turned every workspace: range into a version a registry can serve.
      expect(JSON.stringify(p.manifest), p.name).not.toContain('workspace:');
    }
    expect(packed.get('@earful/server')!.manifest.dependencies ?? {}).not.toHaveProperty('better-sqlite3');
    expect(packed.get('@earful/server')!.manifest.dependencies ?? {}).not.toHaveProperty('pg');
    expect(packed.get('earful')!.manifest.dependencies).toHaveProperty('better-sqlite3');
  });

  it('are what the projects installed, never a registry copy or a workspace link', () => {
    for (const dir of [project.server, project.bare, project.client]) {
      const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string; link?: boolean }> };
      const ours = Object.entries(lock.packages).filter(([path]) => /node_modules\/(@earful\/[^/]+|earful)$/.test(path));
      expect(ours.length, dir).toBeGreaterThan(0);
      for (const [path, entry] of ours) {
        expect(entry.resolved, `${dir} ${path}`).toMatch(/^file:.*\.tgz$/);
        expect(entry.link, `${dir} ${path}`).toBeUndefined();
      }
    }
  });
});

describe('@earful/server and the earful CLI (npm)', () => {
  it('npm 11 runs better-sqlite3\'s unreviewed install script with a warning; approving it satisfies strict-allow-scripts', async () => {
    expect(existsSync(join(project.server, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    expect(sqliteInstallLog).toMatch(/install-scripts[^\n]*not yet covered by allowScripts[\s\S]*better-sqlite3@/);
    await mustRun('npm install-scripts approve better-sqlite3', project.server);
    const pkg = JSON.parse(readFileSync(join(project.server, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
    expect(Object.keys(pkg.allowScripts ?? {}).some((k) => k.startsWith('better-sqlite3'))).toBe(true);
    // With the approval recorded, the strict mode (a future default) installs; without it, it refuses.
    await mustRun(`npm install ${NPM} --strict-allow-scripts`, project.server, { timeoutMs: INSTALL_MS });
  });

  it('createHandler + sqliteStore in a node:http server (the README\'s receiver)', async () => {
    cpSync(join(FIXTURES, 'handler-server.mjs'), join(project.server, 'handler-server.mjs'));
    const server = await startLong('node handler-server.mjs', project.server, /listening on (\S+)/);
    try {
      expect(await post(server.match[1]!, response('checkout', 1))).toBe(202);
      expect(await post(server.match[1]!, response('checkout', 5), { origin: 'https://evil.example' })).toBe(403);
      await expect.poll(() => server.output()).toMatch(/unhappy customer on checkout/);
    } finally {
      await server.stop();
    }
  });

  it('startServer({ db }) with SQLite (getting-started §3)', async () => {
    cpSync(join(FIXTURES, 'start-server.mjs'), join(project.server, 'start-server.mjs'));
    const server = await startLong('node start-server.mjs', project.server, /POST responses to (\S+)/);
    try {
      expect(await post(server.match[1]!, response('checkout', 2))).toBe(202);
    } finally {
      await server.stop();
    }
  });

  it('the PostgreSQL entry against a real PostgreSQL', async () => {
    cpSync(join(FIXTURES, 'postgres.mjs'), join(project.server, 'postgres.mjs'));
    const { stdout } = await mustRun(`node postgres.mjs "${pg!.url}"`, project.server);
    expect(JSON.parse(stdout)).toEqual({ status: 202, total: 1, detractors: 1 });
  });

  it('the CLI as documented: serve, then stats and export of what it stored', async () => {
    const [serve, ...reads] = docBlock('packages/earful/README.md', 'earful');
    const cli = docBlock('docs/getting-started.md', 'cli');
    expect(cli).toContain(serve);
    const server = await startLong(serve!.replace('--port 8787', '--port 0'), project.server, /receiving responses at (\S+)/, { timeoutMs: 60_000 });
    ran.push(serve!);
    try {
      expect(await post(server.match[1]!, response('cli', 1), { origin: 'https://your.site' })).toBe(202);
      expect(await post(server.match[1]!, response('cli', 4), { origin: 'https://elsewhere.example' })).toBe(403);
      // The inbox comes with `earful`: its page at /inbox, its data only behind the API's sign-in.
      const origin = new URL(server.match[1]!).origin;
      const inbox = await fetch(`${origin}/inbox/`);
      expect(inbox.status).toBe(200);
      expect(await inbox.text()).toMatch(/<script[^>]+src=/);
      expect((await fetch(`${origin}/api/cases`)).status).toBe(401);
    } finally {
      await server.stop();
    }
    const stats = await mustRun(reads.find((l) => l.includes(' stats '))!, project.server);
    expect(stats.stdout).toMatch(/^responses\s+1\s+\(negative 1/m);
    const exportLine = reads.find((l) => l.includes(' export '))!;
    await mustRun(exportLine, project.server);
    const csv = readFileSync(join(project.server, 'feedback.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain('cli');
    ran.push(...reads);
  });
});

describe('a missing or unbuilt driver is one line, never a stack trace', () => {
  it('the CLI from @earful/server alone names better-sqlite3 and the command', async () => {
    const result = await sh('npx earful serve --db ./feedback.db --port 0', project.bare, { timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('earful: the SQLite store needs better-sqlite3 — run: npm install better-sqlite3\n');
    const help = await mustRun('npx earful --help', project.bare);
    expect(help.stdout).toMatch(/^Usage: earful/);
  });

  it('startServer, sqliteStore and postgresStore throw a MissingDriverError', async () => {
    cpSync(join(FIXTURES, 'missing-driver.mjs'), join(project.bare, 'missing-driver.mjs'));
    const { stdout } = await mustRun('node missing-driver.mjs', project.bare);
    const sqlite = { guard: true, name: 'MissingDriverError', code: 'missing_driver', driver: 'better-sqlite3', message: 'the SQLite store needs better-sqlite3 — run: npm install better-sqlite3' };
    expect(JSON.parse(stdout)).toEqual({
      startServer: sqlite,
      sqliteStore: sqlite,
      postgresStore: { guard: true, name: 'MissingDriverError', code: 'missing_driver', driver: 'pg', message: 'the PostgreSQL store needs pg — run: npm install pg' },
    });
  });

  it('npm with strict-allow-scripts refuses the unreviewed build, naming better-sqlite3', async () => {
    const result = await sh(`npm install ${earfulWithDependencies()} ${NPM} --strict-allow-scripts`, project.bare, { timeoutMs: INSTALL_MS });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/ESTRICTALLOWSCRIPTS[\s\S]*better-sqlite3/);
  });

  it('better-sqlite3 installed without its install script: one line with the rebuild command', async () => {
    await mustRun(`npm install ${earfulWithDependencies()} ${NPM} --ignore-scripts`, project.bare, { timeoutMs: INSTALL_MS });
    const result = await sh('npx earful serve --db ./feedback.db --port 0', project.bare, { timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'earful: the SQLite store needs better-sqlite3, which is installed but its native part was not built (its install script did not run) — run: npm install-scripts approve better-sqlite3 && npm rebuild better-sqlite3\n',
    );
  });

  it('pnpm 10 without onlyBuiltDependencies: the same line with pnpm\'s commands', async () => {
    const result = await sh('pnpm exec earful serve --db ./feedback.db --port 0', project.pnpmUnbuilt, { timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('earful: the SQLite store needs better-sqlite3, which is installed but its native part was not built');
    expect(result.stderr).toContain('run: pnpm approve-builds (allow better-sqlite3), then pnpm rebuild better-sqlite3');
  });
});

describe('pnpm 10 (strict layout, better-sqlite3 in onlyBuiltDependencies)', () => {
  it('earful serves and stats reads, with better-sqlite3 reaching @earful/server as its peer', async () => {
    const server = await startLong('pnpm exec earful serve --db ./feedback.db --port 0', project.pnpm, /receiving responses at (\S+)/, { timeoutMs: 60_000 });
    try {
      expect(await post(server.match[1]!, response('pnpm', 1))).toBe(202);
    } finally {
      await server.stop();
    }
    const stats = await mustRun('pnpm exec earful stats --db ./feedback.db --json', project.pnpm);
    expect(JSON.parse(stats.stdout)).toMatchObject({ total: 1 });
  });

  it('@earful/sdk in plain Node ESM, resolving only what it declares', async () => {
    cpSync(join(FIXTURES, 'sdk-node.mjs'), join(project.pnpm, 'sdk-node.mjs'));
    const server = await startLong('pnpm exec earful serve --db ./sdk.db --port 0', project.pnpm, /receiving responses at (\S+)/, { timeoutMs: 60_000 });
    try {
      const { stdout } = await mustRun(`node sdk-node.mjs ${server.match[1]}`, project.pnpm);
      expect(JSON.parse(stdout)).toMatchObject({ status: 'delivered' });
    } finally {
      await server.stop();
    }
  });

  it('@earful/widget and @earful/sdk in a Vite build, resolving only what they declare', async () => {
    cpSync(join(FIXTURES, 'vite-app'), join(project.pnpm, 'app'), { recursive: true });
    await mustRun('pnpm exec vite build app --outDir dist --emptyOutDir', project.pnpm, { timeoutMs: 120_000 });
    expect(readFileSync(join(project.pnpm, 'app/dist/index.html'), 'utf8')).toMatch(/src="\/assets\/[^"]+\.js"/);
  });
});

describe('@earful/sdk and @earful/widget (npm)', () => {
  let receiver: Awaited<ReturnType<typeof startLong>>;
  beforeAll(async () => {
    receiver = await startLong('npx earful serve --db ./client.db --port 0', project.server, /receiving responses at (\S+)/, { timeoutMs: 60_000 });
  });
  afterAll(() => receiver?.stop());
  const endpoint = () => receiver.match[1]!;
  const stored = async () => {
    const { stdout } = await mustRun('npx earful stats --db ./client.db --json', project.server);
    return (JSON.parse(stdout) as { total: number }).total;
  };

  it('createClient + submit in plain Node ESM', async () => {
    cpSync(join(FIXTURES, 'sdk-node.mjs'), join(project.client, 'sdk-node.mjs'));
    const { stdout } = await mustRun(`node sdk-node.mjs ${endpoint()}`, project.client);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'delivered' });
    expect(await stored()).toBe(1);
  });

  it('mountWidget in a Vite app build shows the launcher', async () => {
    cpSync(join(FIXTURES, 'vite-app'), join(project.client, 'app'), { recursive: true });
    await mustRun('npx vite build app --outDir dist --emptyOutDir', project.client, { timeoutMs: 120_000 });
    const built = readFileSync(join(project.client, 'app/dist/index.html'), 'utf8');
    expect(built).toMatch(/<script type="module"[^>]*src="\/assets\/[^"]+\.js"/);
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(await serveStatic(join(project.client, 'app/dist')));
    await page.getByRole('button', { name: 'Feedback' }).waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the script-tag files copied from node_modules deliver one response from Chromium', async () => {
    const site = join(project.client, 'public');
    const survey = { id: 'script-tag', questions: [{ id: 'rating', type: 'rating', scale: 'csat5', prompt: 'How was it?' }] };
    writeFileSync(
      join(site, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>shop</title><link rel="icon" href="data:,">
<script type="application/json" id="s">${JSON.stringify(survey)}</script>
<script async src="earful/earful.js" data-endpoint="${endpoint()}" data-survey="#s"></script></head><body><h1>Shop</h1></body></html>`,
    );
    const before = await stored();
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(await serveStatic(site));
    await page.getByRole('button', { name: 'Feedback' }).click({ timeout: 15_000 });
    await page.getByText('How was it?').waitFor();
    await page.getByRole('radio').first().click();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'Thank you', exact: true }).waitFor({ timeout: 15_000 });
    expect(await stored()).toBe(before + 1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('@earful/schema from another language', () => {
  it('the JSON Schema files are in the tarball and validate a response by path', () => {
    const dist = join(project.client, 'node_modules/@earful/schema/dist');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(dist, 'response.schema.json'), 'utf8')) as object);
    expect(validate(JSON.parse(response('json-schema', 3))), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...JSON.parse(response('json-schema', 3)), answers: [] })).toBe(false);
    const survey = ajv.compile(JSON.parse(readFileSync(join(dist, 'survey.schema.json'), 'utf8')) as object);
    expect(survey({ id: 'checkout', questions: [{ id: 'rating', type: 'rating', scale: 'csat5', prompt: 'How was it?' }] }), JSON.stringify(survey.errors)).toBe(true);
  });
});

describe('the docs', () => {
  it('every install command in the README and getting-started is one this test ran', () => {
    const documented = [...docBlock('README.md', 'readme'), ...docBlock('docs/getting-started.md', 'server'), ...docBlock('docs/getting-started.md', 'sdk'), ...docBlock('docs/getting-started.md', 'script-tag'), ...docBlock('docs/getting-started.md', 'cli')];
    expect(documented.filter((line) => !ran.includes(line))).toEqual([]);
  });
});
