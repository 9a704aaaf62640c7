import type { ContestFileInput } from '../src/contracts/contest-file';
import { gaussish, pick, seededRandom } from './prng';
import { benchEvent, JUDGES } from './scoring-fixture';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['小雨', '建国', '晓燕', '思远', '丽娟', '志强', '雪梅', '海涛', '婷婷', '文博', '佳怡', '国华'];
const ORGANIZATIONS = ['重庆市北碚区总工会', '广安市总工会', '四川省总工会', '重庆市渝中区总工会', '成都市美发美容行业协会', '达州市总工会', '遂宁市总工会', '重庆市江北区总工会'];

export interface PlannedSheet {
  judge: string;
  station: string;
  /** the entry at the station: public rows name bibs, not stations, while marking is open */
  bib: string;
  scores: Record<string, number>;
}

export interface LiveContest {
  file: ContestFileInput;
  /** judge key → PIN */
  pins: Map<string, string>;
  /**
   * Every sheet of the event, judge by judge (all of J1's stations, then J2's, …), so two sheets
   * of one station are a whole round of stations apart and an update can be told apart from the
   * one before it for the same station.
   */
  sheets: PlannedSheet[];
}

/**
 * The benchmark contest: the scoring benchmark's hairdressing event (7 judges × 5 criteria,
 * trimmed mean, awards 10/20/30 %) with `entries` contestants, and a seeded mark for every sheet.
 */
export function liveContest(code: string, entries: number, seed = 2024): LiveContest {
  const random = seededRandom(seed);
  const event = benchEvent('criterion');
  const pad = Math.max(3, String(entries).length);
  const contestants = Array.from({ length: entries }, (_, i) => ({
    bib: `A${String(i + 1).padStart(pad, '0')}`,
    name: pick(random, SURNAMES) + pick(random, GIVEN),
    organization: pick(random, ORGANIZATIONS),
  }));
  const stations = contestants.map((_, i) => String(i + 1).padStart(pad, '0'));
  const pins = new Map(JUDGES.map((j, i) => [j, String(482_901 + i * 7)]));
  const file: ContestFileInput = {
    code,
    title: '2024年“碚广”双城美容美发行业劳动和技能竞赛暨川渝邀请赛',
    locale: 'zh-CN',
    venue: '重庆市北碚区',
    judges: JUDGES.map((key, i) => ({ key, name: `评委${i + 1}`, pin: pins.get(key)! })),
    contestants,
    events: [{ ...event, precision: 2, entries: contestants.map((c, i) => ({ bib: c.bib, station: stations[i] })) }],
  };
  const skills = contestants.map(() => Math.min(0.98, Math.max(0.25, 0.72 + 0.1 * gaussish(random))));
  const bias = JUDGES.map(() => 0.03 * gaussish(random));
  const sheets: PlannedSheet[] = [];
  JUDGES.forEach((judge, j) => {
    stations.forEach((station, s) => {
      const scores: Record<string, number> = {};
      for (const c of event.criteria) {
        const step = c.step ?? 1;
        const level = skills[s] + bias[j] + 0.04 * gaussish(random);
        const steps = Math.min(Math.round(c.max / step), Math.max(0, Math.round((c.max * level) / step)));
        // toFixed: 73 × 0.1 must be sent as 7.3, not 7.300000000000001
        scores[c.key] = Number((steps * step).toFixed(2));
      }
      sheets.push({ judge, station, bib: contestants[s].bib, scores });
    });
  });
  return { file, pins, sheets };
}
