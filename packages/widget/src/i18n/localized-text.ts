/**
 * Picks one string out of an author's `LocalizedText`: the rule lives in `@earful/schema/lean`
 * (the inbox shows response labels with it too).
 */
export { localizedText } from '@earful/schema/lean';
