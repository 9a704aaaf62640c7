import type { MessageKey } from '../i18n/zh-CN';
import type { ContestDraft } from './draft';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const PARTS: Record<string, MessageKey> = {
  code: 'setup.code',
  title: 'setup.title',
  venue: 'setup.venue',
  locale: 'setup.locale',
  judges: 'label.judges',
  contestants: 'label.contestants',
  events: 'label.events',
  teams: 'setup.teams',
  size: 'setup.teamSize',
  key: 'label.key',
  name: 'label.name',
  pin: 'setup.pin',
  bib: 'setup.bib',
  organization: 'setup.organization',
  precision: 'setup.precision',
  criteria: 'setup.criteria',
  aggregate: 'setup.aggregate',
  trim: 'setup.trim',
  tieBreak: 'setup.tieBreak',
  awards: 'setup.awards',
  panel: 'label.panel',
  chiefJudge: 'setup.chiefJudge',
  entries: 'label.entries',
  station: 'setup.station',
  max: 'setup.max',
  step: 'setup.step',
  weight: 'setup.weight',
  tolerance: 'setup.tolerance',
  share: 'setup.sharePercent',
  judge: 'setup.panelJudge',
  kind: 'setup.kind',
  criterion: 'setup.criterion',
  over: 'setup.over',
  method: 'setup.method',
  count: 'setup.count',
  minTotal: 'setup.minTotal',
};

/**
 * A path of the contest file as the organizer reads it: `events[0].entries[2].station` →
 * "Hairdressing › entry A003 › Station". Rows are named by what identifies them (event name, judge key,
 * bib), not by their position.
 */
export function pathLabel(path: string, draft: ContestDraft, t: Translate): string {
  const out: string[] = [];
  let list = '';
  let event: ContestDraft['events'][number] | undefined;
  for (const m of path.matchAll(/([A-Za-z]+)|\[(\d+)\]/g)) {
    if (m[1] !== undefined) {
      list = m[1];
      out.push(PARTS[list] ? t(PARTS[list]) : list);
      continue;
    }
    // a row replaces its list's name, and is named by what identifies it
    const i = Number(m[2]);
    out.pop();
    const row = (key: MessageKey, params: Record<string, string>) => t(key, params);
    if (list === 'events') {
      event = draft.events[i];
      out.push(event?.name || event?.key || t('label.row', { n: i + 1 }));
    } else if (list === 'judges') out.push(row('label.judgeRow', { key: draft.judges[i]?.key || String(i + 1) }));
    else if (list === 'contestants') out.push(row('label.contestantRow', { bib: draft.contestants[i]?.bib || String(i + 1) }));
    else if (list === 'entries') out.push(row('label.entryRow', { bib: event?.entries[i]?.bib || String(i + 1) }));
    else if (list === 'criteria') out.push(row('label.criterionRow', { key: event?.criteria[i]?.key || String(i + 1) }));
    else if (list === 'panel') out.push(row('label.judgeRow', { key: event?.panel[i]?.judge || String(i + 1) }));
    else if (list === 'awards') out.push(event?.awards[i]?.name || t('label.row', { n: i + 1 }));
    else out.push(t('label.row', { n: i + 1 }));
  }
  return out.join(' › ');
}
