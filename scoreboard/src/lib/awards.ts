/** Colour tier of an award: the first three tiers are gold, silver and bronze; later tiers are plain. */
export type AwardTier = 'gold' | 'silver' | 'bronze' | 'other';

const KNOWN: Record<string, AwardTier> = { 一等奖: 'gold', 二等奖: 'silver', 三等奖: 'bronze' };
const ORDER: AwardTier[] = ['gold', 'silver', 'bronze'];

export function awardTier(award: string, tiers?: readonly string[]): AwardTier {
  const i = tiers ? tiers.indexOf(award) : -1;
  if (i >= 0) return ORDER[i] ?? 'other';
  return KNOWN[award] ?? 'other';
}
