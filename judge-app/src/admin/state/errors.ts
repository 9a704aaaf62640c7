import { ApiError } from '../../lib/api/http';
import type { MessageKey } from '../i18n/zh-CN';
import { problemText } from '../setup/problem-text';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What went wrong with a request, in words the organizer can act on. */
export function errorText(e: unknown, t: Translate): string {
  if (!(e instanceof ApiError)) return t('error.unexpected', { message: e instanceof Error ? e.message : String(e) });
  if (e.kind === 'network') return t('error.offline');
  if (e.kind === 'timeout') return t('error.timeout');
  if (e.status === 401) return t('error.signedOut');
  if (e.status === 403) return t('error.forbidden');
  if (e.status === 413) return t('error.tooLarge');
  const detail = e.body?.problems?.length
    ? e.body.problems.map((p) => (p.path && p.path !== 'body' ? `${p.path}: ${problemText(p.message, t)}` : problemText(p.message, t))).join('；')
    : e.body?.message
      ? problemText(e.body.message, t)
      : '';
  if (e.status === 404) return t('error.notFound', { detail });
  if (e.status === 409) return t('error.conflict', { detail });
  if (e.status >= 500) return t('error.server', { status: e.status });
  return detail || t('error.status', { status: e.status });
}
