/**
 * Judges' remarks per criterion on a sheet (integration contract §2, `comments`). Plain data and
 * checks, no libraries: the tablet counts and checks with the same rules the server applies.
 */

/** The most characters one remark may hold. */
export const COMMENT_MAX = 500;

/** The most characters all remarks of one sheet may hold together. */
export const COMMENTS_TOTAL_MAX = 3000;

/** criterion key → remark; only criteria that have one are present */
export type SheetComments = Record<string, string>;

/**
 * Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional
 * overrides and isolates: none belongs in a remark, and each can disguise text in a printout.
 */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** Characters as a person counts them (code points: 𠀀 is one, not two). */
export function commentLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++, n++) {
    const c = text.charCodeAt(i);
    // a high surrogate followed by a low one is one character
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

export type CommentIssue = 'tooLong' | 'control';

/** What is wrong with one remark as it will be sent (already trimmed), or null. */
export function commentIssue(text: string): CommentIssue | null {
  if (FORBIDDEN.test(text)) return 'control';
  if (commentLength(text) > COMMENT_MAX) return 'tooLong';
  return null;
}

/** A remark as the tablet sends it: line breaks typed into the field become spaces, ends trimmed. */
export function tidyComment(text: string): string {
  return text.replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' ').trim();
}
