/**
 * The script-tag loader (dist/earful.js) fetches the chunk only when it is needed: on intent for
 * a launcher survey, when idle for one that opens by itself, is inline, has
 * `data-preload="idle"`, or when an earlier page left responses in the SDK's delivery queue.
 * Runs the BUILT loader in a VM with a fake page (test/support/run-loader.ts), and holds its
 * byte-sized copies of two rules to their one home: "opens by itself"
 * (src/reach/opens-by-itself.ts) and the delivery queue's storage key (written here by the real
 * SDK client).
 */
import { createLeanClient } from '@earful/sdk';
import { parseSurvey, type SurveyInput } from '@earful/schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { opensByItself } from '../src/reach/opens-by-itself.js';
import { REACH_STORAGE_KEYS } from '../src/reach/visitor-state.js';
import { fakeStorage, runLoader, type LoaderPage } from './support/run-loader.js';

const question = { id: 'r', type: 'rating', scale: 'csat5', prompt: 'How was it?' } as const;
const survey = (extra: Partial<SurveyInput> = {}): SurveyInput => ({ id: 's', questions: [question], ...extra });

/** Survey definitions, each valid by the schema, with and without a trigger or targeting. */
const DEFINITIONS: [string, SurveyInput][] = [
  ['no trigger, no targeting', survey()],
  ['manual trigger', survey({ trigger: { type: 'manual' } })],
  ['delay', survey({ trigger: { type: 'delay', ms: 3000 } })],
  ['time on page', survey({ trigger: { type: 'time-on-page', ms: 30000 } })],
  ['scroll', survey({ trigger: { type: 'scroll', percent: 50 } })],
  ['exit intent', survey({ trigger: { type: 'exit' } })],
  ['targeting only', survey({ targeting: { include: [{ match: 'prefix', value: '/checkout' }] } })],
  ['empty targeting', survey({ targeting: {} })],
  ['manual trigger with targeting', survey({ trigger: { type: 'manual' }, targeting: { sample: 50 } })],
  ['delay with targeting', survey({ trigger: { type: 'delay', ms: 0 }, targeting: { sample: 100 } })],
  ['manual trigger, modal', survey({ trigger: { type: 'manual' }, display: { mode: 'modal' } })],
  ['hidden launcher', survey({ display: { launcher: { hidden: true } } })],
];

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('"opens by itself": the loader and mountWidget apply one rule', () => {
  it.each(DEFINITIONS)('%s', (_name, definition) => {
    const checked = parseSurvey(definition);
    const auto = opensByItself(checked);
    const run = runLoader({ dataSurvey: JSON.stringify(definition) });
    // Fetched when idle exactly when it opens by itself, as the chunk with reach inside.
    expect(run.idle.length, 'asked for an idle callback').toBe(auto ? 1 : 0);
    run.earful('open');
    expect(run.imports).toEqual([`./script/earful-ui-en${auto ? '-auto' : ''}.js`]);
  });

  it('the table has both answers, and a manual trigger is not "by itself" (the loader used to pick -auto for it)', () => {
    const answers = DEFINITIONS.map(([, d]) => opensByItself(parseSurvey(d)));
    expect(answers).toContain(true);
    expect(answers).toContain(false);
    expect(opensByItself(parseSurvey(survey({ trigger: { type: 'manual' } })))).toBe(false);
  });

  it('the same survey as a JSON block, as a preset name, or unreadable: no reach chunk, no idle fetch', () => {
    const block = runLoader({ dataSurvey: '#block', jsonBlock: JSON.stringify(survey({ trigger: { type: 'scroll', percent: 50 } })) });
    expect(block.idle).toHaveLength(1);
    for (const dataSurvey of ['complaint', '#missing', 'null', '{not json', undefined]) {
      const run = runLoader({ dataSurvey });
      expect(run.idle, String(dataSurvey)).toEqual([]);
      run.earful('open');
      expect(run.imports, String(dataSurvey)).toEqual(['./script/earful-ui-en.js']);
    }
  });
});

describe('a launcher survey: the chunk comes on intent only', () => {
  const page: LoaderPage = { dataSurvey: 'complaint', dataEndpoint: '/api/feedback' };

  it('a page view without intent imports nothing and asks for no idle time', async () => {
    const run = runLoader(page);
    await Promise.resolve();
    expect(run.imports).toEqual([]);
    expect(run.idle).toEqual([]);
    expect(run.launcher.textContent).toBe('Feedback');
  });

  it.each(['onpointerover', 'onfocus'] as const)('%s on the launcher fetches the chunk once; the click then opens', async (handler) => {
    const run = runLoader(page);
    run.launcher[handler]!();
    run.launcher[handler]!();
    expect(run.imports).toEqual(['./script/earful-ui-en.js']);
    run.launcher.onclick!();
    expect(run.imports).toHaveLength(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(run.boots).toHaveLength(1);
    expect(run.boots[0]![2].map((c) => Array.from(c))).toEqual([['open']]);
  });

  it('no touch listener: pointer events cover touch, and a touchstart handler would hold up scrolling', () => {
    expect(runLoader(page).launcher.ontouchstart).toBeUndefined();
  });

  it("Earful('open') fetches the chunk; other calls only queue", () => {
    const run = runLoader(page);
    run.earful('identify', { id: 'u-1' });
    run.earful('on', 'submit', () => {});
    expect(run.imports).toEqual([]);
    run.earful('open');
    expect(run.imports).toEqual(['./script/earful-ui-en.js']);
  });

  it('calls made before the loader: an open among them fetches the chunk at once, an identify does not', async () => {
    expect(runLoader({ ...page, early: [['identify', { id: 'u-1' }]] }).imports).toEqual([]);
    const run = runLoader({ ...page, early: [['identify', { id: 'u-1' }], ['open']] });
    expect(run.imports).toEqual(['./script/earful-ui-en.js']);
    run.earful('close');
    await Promise.resolve();
    await Promise.resolve();
    // boot() gets every call in order, then owns the queue.
    expect(run.boots[0]![2].map((c) => Array.from(c)[0])).toEqual(['identify', 'open', 'close']);
  });

  it('data-preload="idle" fetches when idle; another value does not', () => {
    const run = runLoader({ ...page, dataPreload: 'idle' });
    expect(run.idle).toHaveLength(1);
    run.idle[0]!();
    expect(run.imports).toEqual(['./script/earful-ui-en.js']);
    expect(runLoader({ ...page, dataPreload: 'none' }).idle).toEqual([]);
  });

  it('an inline survey (no launcher to reach for) is fetched when idle', () => {
    const run = runLoader({ dataSurvey: JSON.stringify(survey({ display: { mode: 'inline', target: '#here' } })) });
    expect(run.idle).toHaveLength(1);
  });
});

describe('the launcher before the chunk', () => {
  it("is placed, labelled and coloured by the survey's display and theme, so the chunk taking over changes nothing", () => {
    const run = runLoader({
      dataSurvey: JSON.stringify(survey({ display: { position: 'top-left', offset: { x: 32, y: 8 }, launcher: { label: 'Questions?' } }, theme: { accent: '#1f6f43' } })),
    });
    expect(run.css).toHaveLength(1);
    expect(run.css[0]).toContain('top:8px;left:32px;');
    expect(run.css[0]).toContain('background:var(--earful-accent,#1f6f43)');
    expect(run.launcher.textContent).toBe('Questions?');
    const plain = runLoader({ dataSurvey: 'complaint' });
    expect(plain.css[0]).toContain('bottom:20px;right:20px;');
    expect(plain.css[0]).toContain('background:var(--earful-accent,#0b57d0)');
  });

  it('offsets that are not numbers cannot reach the sheet; no constructable sheets: a plain button, the rest works', () => {
    const hostile = runLoader({ dataSurvey: JSON.stringify({ display: { offset: { x: '0;}*{display:none', y: {} } } }) });
    expect(hostile.css[0]).toContain('bottom:0px;right:0px;');
    const old = runLoader({ dataSurvey: 'complaint', noConstructableSheets: true });
    expect(old.css).toEqual([]);
    old.launcher.onpointerover!();
    expect(old.imports).toEqual(['./script/earful-ui-en.js']);
  });

  it('a hidden launcher stays hidden (such a survey opens with Earful("open") only)', () => {
    expect(runLoader({ dataSurvey: JSON.stringify(survey({ display: { launcher: { hidden: true } } })) }).launcher.hidden).toBe(true);
  });
});

describe("responses an earlier page left in the SDK's queue are sent on the next page view", () => {
  /** localStorage after the real SDK client queued a response for `endpoint` while offline. */
  async function storageWithQueued(endpoint: string): Promise<Storage> {
    const storage = fakeStorage({ [REACH_STORAGE_KEYS.visitor]: 'v-1' });
    // The client keeps its queue in localStorage in pages (where `document` exists).
    vi.stubGlobal('document', {});
    vi.stubGlobal('localStorage', storage);
    const client = createLeanClient({ endpoint, fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    const result = await client.submit({ surveyId: 'complaint', answers: [{ type: 'rating', questionId: 'rating', scale: 'csat5', value: 1 }] });
    client.destroy();
    vi.unstubAllGlobals();
    expect(result.status).toBe('queued');
    return storage;
  }

  it.each([
    ['an absolute endpoint', 'https://api.example/feedback'],
    ['a relative data-endpoint, as boot resolves it', new URL('/api/feedback', 'https://shop.example/checkout/done').href],
    ['a plain-http endpoint', 'http://shop.test:8080/api/feedback'],
  ])('%s: the loader sees the queued response and fetches the chunk when idle', async (_name, endpoint) => {
    const storage = await storageWithQueued(endpoint);
    expect(Object.keys(storage).length).toBeGreaterThan(1);
    const run = runLoader({ dataSurvey: 'complaint', dataEndpoint: endpoint, storage });
    expect(run.idle).toHaveLength(1);
    run.idle[0]!();
    expect(run.imports).toEqual(['./script/earful-ui-en.js']);
  });

  it("the widget's own reach state, other sites' keys, blocked or empty storage: nothing to send, no fetch", () => {
    const ours = Object.fromEntries(Object.values(REACH_STORAGE_KEYS).map((key) => [key, '1']));
    for (const storage of [fakeStorage(ours), fakeStorage({ 'earful-theme': 'dark', 'cart:https://shop.example': '[]' }), fakeStorage(), 'blocked' as const]) {
      const run = runLoader({ dataSurvey: 'complaint', dataEndpoint: '/api/feedback', storage });
      expect(run.idle).toEqual([]);
      expect(run.imports).toEqual([]);
    }
  });
});
