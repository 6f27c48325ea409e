/**
 * The one locale a script-tag chunk carries. This file names English; the build of every other
 * chunk (`dist/script/earful-ui-<locale>.js`) replaces its text with the same two exports for its
 * locale (see `bundledLocale` in vite.config.ts), and the loader picks the chunk by locale.
 */
export { en as messages } from '../locales/en.js';
export const locale: string = 'en';
