import type { Lang } from '../i18n/messages';

export type ViewChoice = 'projector' | 'phone' | 'auto';

export interface BoardParams {
  contest: string | null;
  view: ViewChoice;
  lang: Lang;
  /** rows per projector page */
  rows: number;
  /** seconds each projector page stays up */
  seconds: number;
  /** only these events rotate on the projector, in this order; null = all */
  events: string[] | null;
  /** whether team standings are a page of the rotation */
  teams: boolean;
}

export const DEFAULT_ROWS = 12;
export const DEFAULT_SECONDS = 10;

function intParam(raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.round(n)));
}

/** Reads `?contest=CODE&view=phone&lang=en&rows=14&seconds=8&events=hair,nail&teams=0`. */
export function parseParams(search: string): BoardParams {
  const q = new URLSearchParams(search);
  const contest = q.get('contest')?.trim() || null;
  const view = q.get('view');
  const lang = q.get('lang')?.toLowerCase();
  const events = (q.get('events') ?? q.get('event'))
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const teams = q.get('teams');
  return {
    contest,
    view: view === 'phone' || view === 'projector' ? view : 'auto',
    lang: lang === 'en' || lang?.startsWith('en-') ? 'en' : 'zh-CN',
    rows: intParam(q.get('rows'), DEFAULT_ROWS, 5, 30),
    seconds: intParam(q.get('seconds') ?? q.get('secs'), DEFAULT_SECONDS, 3, 300),
    events: events && events.length ? events : null,
    teams: teams !== '0' && teams !== 'false' && teams !== 'off',
  };
}

/** The address the projector's QR code points at. */
export function phoneUrl(origin: string, basePath: string, contest: string, lang: Lang): string {
  const q = new URLSearchParams({ contest, view: 'phone' });
  if (lang === 'en') q.set('lang', 'en');
  return `${origin}${basePath}?${q.toString()}`;
}
