/** Importing the SDK touches no DOM or browser global (SSR-safe), and creating a client works in Node. */
import { expect, it, vi } from 'vitest';

const TRAPS = ['window', 'document', 'localStorage', 'indexedDB', 'navigator', 'addEventListener'] as const;

it('import reads no browser global', async () => {
  const touched: string[] = [];
  const saved = new Map<string, PropertyDescriptor | undefined>();
  for (const name of TRAPS) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        touched.push(name);
        return undefined;
      },
    });
  }
  try {
    vi.resetModules();
    const sdk = await import('../src/index.js');
    expect(typeof sdk.createClient).toBe('function');
  } finally {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete (globalThis as Record<string, unknown>)[name];
    }
  }
  expect(touched).toEqual([]);
});

it('the built entry imports in plain Node', async () => {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('@earful/sdk'); console.log(typeof m.createClient, typeof globalThis.document)"], {
    cwd: new URL('..', import.meta.url).pathname,
    encoding: 'utf8',
  });
  expect(out.trim()).toBe('function undefined');
});
