import { randomUUID } from 'node:crypto';
import { client, type Reply } from './test-app';

type Api = ReturnType<typeof client>;

export function sheetsPath(code: string, event: string): string {
  return `/api/contests/${code}/events/${event}/sheets`;
}

/** PUT one sheet; a fresh requestId unless the test gives one. */
export function putSheet(api: Api, token: string, code: string, event: string, station: string, scores: Record<string, unknown>, requestId: string = randomUUID()): Promise<Reply> {
  return api('PUT', `${sheetsPath(code, event)}/${station}`, { requestId, scores }, token);
}

/** One judge's list entry for a station, as the judge sees it. */
export async function sheetOf(api: Api, token: string, code: string, event: string, station: string): Promise<{ station: string; status: string; scores: Record<string, number> | null; version?: number }> {
  const r = await api('GET', sheetsPath(code, event), undefined, token);
  if (r.status !== 200) throw new Error(`GET sheets: ${r.status} ${JSON.stringify(r.body)}`);
  const item = (r.body as { station: string }[]).find((s) => s.station === station);
  if (!item) throw new Error(`station ${station} is not in the judge's list`);
  return item as any;
}
