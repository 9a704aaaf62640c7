import { describe, expect, it } from 'vitest';
import { integrityNote } from './integrity-note';

const head = 'ab'.repeat(32);
const diff = { bib: 'A001', field: 'total', published: 88.34, recomputed: 88.35 };

describe('the integrity line of printed results', () => {
  it('names the chain head and the outcome, in the contest language', () => {
    expect(integrityNote('zh-CN', { head, differences: [] })).toBe(`审计链头：${head}　复核：与审计记录一致`);
    expect(integrityNote('zh-CN', { head, differences: [diff, diff] })).toBe(`审计链头：${head}　复核：2 处与审计记录不一致`);
    expect(integrityNote('en', { head, differences: [diff] })).toBe(`Audit chain head: ${head} · Recheck: 1 difference from the audit trail`);
  });

  it('says a recheck was not possible rather than counting every entry as a difference', () => {
    expect(integrityNote('zh-CN', { head, differences: [diff], setupMissing: true })).toContain('无法复核');
    expect(integrityNote('en', { head, differences: [diff], setupMissing: true })).toContain('not possible');
  });
});
