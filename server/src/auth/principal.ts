/** Who is calling, from a verified bearer token. */
export type Principal =
  | { readonly kind: 'organizer'; readonly tokenId: number }
  | { readonly kind: 'judge'; readonly tokenId: number; readonly contestId: number; readonly judgeId: number; readonly judgeKey: string; readonly judgeName: string };

export function actorOf(p: Principal): string {
  return p.kind === 'organizer' ? 'organizer' : `judge:${p.judgeKey}`;
}
