/** The MSW server of the Node tests: the shared handlers; tests add their own with `server.use()`. */
import { setupServer } from 'msw/node';
import { handlers } from './handlers.js';

export const server = setupServer(...handlers);
