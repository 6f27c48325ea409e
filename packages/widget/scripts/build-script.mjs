// Builds the script-tag files with vite.config.ts: two UI chunks per locale in src/locales
// (dist/script/earful-ui-<locale>.js, and -auto.js with reach inside), then the loader
// (dist/earful.js). In one process, so the 31 builds take seconds.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const locales = readdirSync(new URL('../src/locales/', import.meta.url))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));
for (const mode of [...locales.flatMap((l) => [`ui-${l}`, `ui-${l}-auto`]), 'loader']) {
  await build({ root, mode, logLevel: 'warn' });
}
console.log(`built dist/earful.js and 2 UI chunks for each of ${locales.length} locales: script/earful-ui-<locale>[-auto].js for ${locales.join(', ')}`);
