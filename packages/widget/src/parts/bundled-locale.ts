/**
 * Used by: the script-tag chunks (through `./bundled.ts`): the one locale a chunk carries. This
 * file names English; for every other chunk (`dist/script/earful-ui-<locale>.js`) vite.config.ts
 * gives the same two exports for that locale, and the loader picks the chunk by locale.
 */
export { default as messages } from '../locales/en.js';
export const locale: string = 'en';
