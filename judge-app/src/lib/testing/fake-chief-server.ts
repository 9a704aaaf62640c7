import type { ChiefProgress, AppealView } from '@skillscore/server/contracts';
import type { DeductionItem } from '../api/chief-api';
import type { FetchLike } from '../api/http';

export interface ChiefCall {
  method: string;
  path: string;
  body: unknown;
}

type Reply = { status: number; body: unknown };

/** Five judges, three stations; station 08 has a design spread of 8 over a tolerance of 6. */
export function progressFixture(over: Partial<ChiefProgress> = {}): ChiefProgress {
  const judges = ['J1', 'J2', 'J3', 'J4', 'J5'].map((key, i) => ({ key, name: `裁判${i + 1}`, criteria: ['design', 'finish'] }));
  const all = (status: 'submitted' | 'open' | 'missing', version = status === 'missing' ? 0 : 1) =>
    Object.fromEntries(judges.map((j) => [j.key, { status, version }]));
  return {
    event: 'hair',
    name: '美发',
    final: false,
    criteria: [
      { key: 'design', name: '造型设计', kind: 'judged', tolerance: 6 },
      { key: 'finish', name: '整体效果', kind: 'judged', tolerance: null },
    ],
    judges,
    stations: [
      { station: '07', status: 'competing', complete: true, total: 88.34, deductions: 1.5, sheets: all('submitted') },
      {
        station: '08',
        status: 'competing',
        complete: false,
        total: 60,
        deductions: 0,
        sheets: { ...all('submitted'), J2: { status: 'open', version: 1 }, J4: { status: 'missing', version: 0 } },
      },
      { station: '09', status: 'absent', complete: false, total: 0, deductions: 0, sheets: all('missing') },
    ],
    alerts: [
      {
        station: '08',
        criterion: 'design',
        min: 30,
        max: 38,
        spread: 8,
        tolerance: 6,
        values: [
          { judge: 'J1', value: 38 },
          { judge: 'J3', value: 30 },
          { judge: 'J5', value: 34 },
        ],
      },
    ],
    deviations: [
      { judge: 'J1', count: 6, mean: 1.25 },
      { judge: 'J3', count: 6, mean: -0.8 },
      { judge: 'J5', count: 6, mean: 0.1 },
    ],
    submitted: 8,
    expected: 10,
    ...over,
  };
}

/**
 * The chief judge's endpoints as the desk uses them. Answers come from `progress`, `deductions`
 * and `replies` (by "METHOD /path"); `hold()` keeps every answer back until released.
 */
export class FakeChiefServer {
  progress: ChiefProgress = progressFixture();
  deductions: DeductionItem[] = [];
  appeals: AppealView[] = [];
  readonly calls: ChiefCall[] = [];
  readonly replies = new Map<string, Reply>();
  offline = false;
  private gate: Promise<void> | null = null;
  private release: (() => void) | null = null;

  count(method: string, suffix: string): number {
    return this.calls.filter((c) => c.method === method && c.path.endsWith(suffix)).length;
  }

  hold(): void {
    this.gate = new Promise((r) => (this.release = r));
  }

  open(): void {
    this.release?.();
    this.gate = null;
    this.release = null;
  }

  fetch: FetchLike = async (url, init) => {
    const method = init?.method ?? 'GET';
    const path = new URL(url, 'http://desk.test').pathname;
    this.calls.push({ method, path, body: typeof init?.body === 'string' ? JSON.parse(init.body) : null });
    // Answers are read when the request arrives: a change after that is the next fetch's news.
    const progress = structuredClone(this.progress);
    const deductions = structuredClone(this.deductions);
    const appeals = structuredClone(this.appeals);
    if (this.gate) await this.gate;
    if (this.offline) throw new TypeError('Failed to fetch');
    const custom = [...this.replies].find(([k]) => k === `${method} ${path}` || (k.startsWith(`${method} `) && path.endsWith(k.slice(method.length + 1))));
    if (custom) return json(custom[1].status, custom[1].body);
    if (method === 'GET' && path.endsWith('/progress')) return json(200, progress);
    if (method === 'GET' && path.endsWith('/deductions')) return json(200, deductions);
    if (method === 'GET' && path.endsWith('/appeals')) return json(200, appeals);
    return json(200, {});
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
