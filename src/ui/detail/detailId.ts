/** The opened session's article: a row's "Go to details" moves the focus there. */
export const DETAIL_ID = 'session-detail';
