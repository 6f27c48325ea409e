/** The MSW service worker of the Chromium tests: the shared handlers; tests add their own with `worker.use()`. */
import { setupWorker } from 'msw/browser';
import { handlers } from '../handlers.js';

export const worker = setupWorker(...handlers);
