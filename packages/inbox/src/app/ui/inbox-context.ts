/** The running app's state, handed to every view (one app per page, but tests mount several). */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { InboxState } from '../state/inbox-state.js';

export const InboxContext = createContext<InboxState | null>(null);

/** The app's state; throws outside an `<InboxApp>`. */
export function useInbox(): InboxState {
  const state = useContext(InboxContext);
  if (!state) throw new Error('useInbox() is used outside <InboxApp>: render the view inside it.');
  return state;
}
