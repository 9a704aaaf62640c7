import type { Problem } from '../contracts/errors';
import { COMMENT_MAX, COMMENTS_TOTAL_MAX, commentIssue, commentLength, type SheetComments } from '../contracts/sheet-comments';

export type CommentsCheck = { ok: true; comments: SheetComments } | { ok: false; problems: Problem[] };

/**
 * The `comments` of a sheet PUT: an object of criterion key → remark, each for a criterion the
 * judge marks. Remarks are trimmed; an empty one is no remark. Every problem is named.
 */
export function checkComments(raw: unknown, known: readonly string[], mine: readonly string[]): CommentsCheck {
  if (raw === undefined || raw === null) return { ok: true, comments: {} };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [{ path: 'comments', message: 'must be an object of criterion key → remark' }] };
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  // one remark per criterion at most: a longer list is refused whole, not answered key by key
  if (entries.length > known.length) return { ok: false, problems: [{ path: 'comments', message: `at most ${known.length} remarks, one per criterion (has ${entries.length})` }] };
  const problems: Problem[] = [];
  const comments: SheetComments = {};
  let total = 0;
  for (const [key, value] of entries) {
    const path = `comments.${key}`;
    if (!known.includes(key)) {
      problems.push({ path, message: 'unknown criterion' });
      continue;
    }
    if (!mine.includes(key)) {
      problems.push({ path, message: 'this judge does not mark this criterion, so cannot remark on it' });
      continue;
    }
    if (typeof value !== 'string') {
      problems.push({ path, message: 'must be text' });
      continue;
    }
    const text = value.trim();
    const issue = commentIssue(text);
    if (issue === 'control') problems.push({ path, message: 'must not hold control characters, line breaks or direction overrides' });
    else if (issue === 'tooLong') problems.push({ path, message: `at most ${COMMENT_MAX} characters (has ${commentLength(text)})` });
    else if (text !== '') {
      comments[key] = text;
      total += commentLength(text);
    }
  }
  if (!problems.length && total > COMMENTS_TOTAL_MAX) problems.push({ path: 'comments', message: `at most ${COMMENTS_TOTAL_MAX} characters in all (has ${total})` });
  return problems.length ? { ok: false, problems } : { ok: true, comments };
}

/** Comments as stored: JSON text, or null for none, so a sheet without remarks stores what it always did. */
export function storedComments(c: SheetComments): string | null {
  return Object.keys(c).length ? JSON.stringify(c) : null;
}

export function readComments(text: string | null | undefined): SheetComments {
  if (!text) return {};
  const parsed = JSON.parse(text) as unknown;
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as SheetComments) : {};
}
