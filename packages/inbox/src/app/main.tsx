/** The page's entry: the app over the same-origin `/api`, mounted into `#app`. */
import { render } from 'preact';
import { createInboxApi } from './api/inbox-api.js';
import { createInboxState } from './state/inbox-state.js';
import { InboxApp } from './ui/InboxApp.js';
import './styles.css';

const state = createInboxState({ api: createInboxApi({ base: new URL('../api', window.location.href).pathname }), window });
// The first requests leave now, while the first render is built (the app's effect reuses them).
void state.start();
render(<InboxApp state={state} />, document.getElementById('app')!);
