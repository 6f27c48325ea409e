/**
 * Used by: both builds. The parts of the widget a build either bundles or loads when needed, as
 * types: both variants implement them, so `mount-widget.tsx` works the same over either.
 * - `./lazy.ts` — the ESM library (`dist/index.js`, built by tsc): it imports these.
 * - `./bundled.ts` — the script-tag chunks (`dist/script/earful-ui-<locale>[-auto].js`, built by
 *   vite.config.ts, which puts it in place of `./lazy.ts`).
 */
import type { createLeanClient } from '@earful/sdk';
import type { Messages } from '../locales/en.js';
import type { createReachController } from '../reach/index.js';

/** The locale to use for a page: the `locale` option, else the page's, else the browser's. */
export type PickLocale = (requested: string | undefined, doc: Document) => string;

/** The messages of `locale`, at once or from their chunk. */
export type LocaleMessages = (locale: string) => Messages | Promise<Messages>;

/** The SDK's lean client factory. */
export type LoadSdk = () => Promise<typeof createLeanClient>;

/** The reach controller factory (triggers, targeting, re-ask rules). */
export type LoadReach = () => Promise<typeof createReachController>;
