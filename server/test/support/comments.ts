import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContestFileInput } from '../../src/contracts/contest-file';
import { sheetsPath } from './sheets';
import { client, hairContest, type Reply } from './test-app';

type Api = ReturnType<typeof client>;

/** Judges named as people are, so a test can tell a leaked name from the numbering 裁判1…n. */
export const JUDGE_NAMES: Record<string, string> = { J1: '刘敏', J2: '陈刚', J3: '周慧', J4: '吴强', J5: '郑洁', J6: '孙总', J7: '何平' };

export const FULL = { design: 36, technique: 25, finish: 27 };

/**
 * The hair event with judges who have names: J1–J4 mark every criterion, J5 marks `finish`
 * only, J6 is the chief judge; stations 07, 08, … hold A001, A002, ….
 */
export function commentsContest(code: string, stations = 3): ContestFileInput {
  const c = hairContest(code, stations);
  return {
    ...c,
    judges: c.judges!.map((j) => ({ ...j, name: JUDGE_NAMES[j.key] })),
    events: c.events!.map((e) => ({ ...e, panel: [...['J1', 'J2', 'J3', 'J4'].map((judge) => ({ judge })), { judge: 'J5', criteria: ['finish'] }] })),
  };
}

export function putWithComments(api: Api, token: string, code: string, station: string, scores: Record<string, unknown>, comments?: unknown, requestId: string = randomUUID()): Promise<Reply> {
  return api('PUT', `${sheetsPath(code, 'hair')}/${station}`, { requestId, scores, ...(comments === undefined ? {} : { comments }) }, token);
}

/** A PDF's text as pdftotext reads it, and its page count as pdfinfo reads it. */
export function pdfText(dir: string, name: string, pdf: Buffer): { text: string; pages: number } {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return { text, pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]) };
}

/** GET a binary file with the organizer's token. */
export async function download(base: string, path: string, token?: string): Promise<{ status: number; body: Buffer; type: string | null; text: string }> {
  const res = await fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, body, type: res.headers.get('content-type'), text: body.toString('utf8') };
}
