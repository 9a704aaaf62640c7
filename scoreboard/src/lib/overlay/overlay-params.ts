import type { Lang } from '../i18n/messages';

export type OverlayMode = 'top10' | 'lower-third' | 'ticker';

export interface OverlayParams {
  contest: string | null;
  event: string | null;
  mode: OverlayMode;
  lang: Lang;
  /** rows of the top list */
  rows: number;
  /** seconds a new score holds the lower third before it shows the leader again */
  hold: number;
}

const MODES: readonly OverlayMode[] = ['top10', 'lower-third', 'ticker'];

function intParam(raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.round(n)));
}

/** Reads `/board/overlay.html?contest=CODE&event=KEY&mode=top10|lower-third|ticker&lang=en&rows=10&hold=12`. */
export function parseOverlayParams(search: string): OverlayParams {
  const q = new URLSearchParams(search);
  const mode = q.get('mode')?.trim().toLowerCase() as OverlayMode | undefined;
  const lang = q.get('lang')?.toLowerCase();
  return {
    contest: q.get('contest')?.trim() || null,
    event: q.get('event')?.trim() || null,
    mode: mode && MODES.includes(mode) ? mode : 'top10',
    lang: lang === 'en' || lang?.startsWith('en-') ? 'en' : 'zh-CN',
    rows: intParam(q.get('rows'), 10, 3, 15),
    hold: intParam(q.get('hold'), 12, 3, 120),
  };
}
