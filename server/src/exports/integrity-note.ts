import type { RecheckResult } from '../contracts/recheck';

/**
 * The line a printed results notice or workbook carries so that it can be checked later: the audit
 * chain's head when it was made, and whether the results agreed with those recomputed from the
 * trail. Anyone holding the print can compare the head with `GET …/audit/verify` or `npm run verify`.
 */
export function integrityNote(locale: string, r: Pick<RecheckResult, 'head' | 'differences' | 'setupMissing'>): string {
  const n = r.differences.length;
  if (locale.toLowerCase().startsWith('zh')) {
    const outcome = r.setupMissing ? '审计记录中没有本赛项的设置（竞赛创建早于此项记录），无法复核' : n === 0 ? '与审计记录一致' : `${n} 处与审计记录不一致`;
    return `审计链头：${r.head}　复核：${outcome}`;
  }
  const outcome = r.setupMissing
    ? 'not possible, the audit trail holds no setup of this event (the contest predates it)'
    : n === 0
      ? 'agrees with the audit trail'
      : `${n} difference${n === 1 ? '' : 's'} from the audit trail`;
  return `Audit chain head: ${r.head} · Recheck: ${outcome}`;
}
