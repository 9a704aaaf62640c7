import type { StoredSheet } from '@skillscore/server/contracts';
import type { FetchLike } from '../api/http';

export interface Call {
  method: string;
  url: string;
  auth: string | null;
  body: { requestId: string; scores: Record<string, number>; comments?: Record<string, string> } | null;
}

/** What the fake server does with the next request. */
export type Answer =
  | { kind: 'network' }
  | { kind: 'hang' }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string>; text?: string }
  | { kind: 'store' };

/**
 * A sheet endpoint that stores a requestId once, as the real server does, and can be told to
 * fail in the ways venue networks fail.
 */
export class FakeSheetServer {
  readonly calls: Call[] = [];
  readonly answers: Answer[] = [];
  /** requestId → stored sheet */
  readonly stored = new Map<string, StoredSheet>();
  /** observes each request before it is answered */
  onRequest: ((call: Call) => void | Promise<void>) | null = null;
  fallback: Answer = { kind: 'store' };

  next(...answers: Answer[]): this {
    this.answers.push(...answers);
    return this;
  }

  get writes(): number {
    return this.stored.size;
  }

  fetch: FetchLike = async (url, init) => {
    const headers = new Headers(init?.headers);
    const call: Call = {
      method: init?.method ?? 'GET',
      url,
      auth: headers.get('Authorization'),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : null,
    };
    this.calls.push(call);
    await this.onRequest?.(call);
    const a = this.answers.shift() ?? this.fallback;
    switch (a.kind) {
      case 'network':
        throw new TypeError('Failed to fetch');
      case 'hang':
        return new Promise<Response>((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        });
      case 'status':
        return new Response(a.text ?? JSON.stringify(a.body ?? {}), { status: a.status, headers: a.headers });
      case 'store': {
        const station = decodeURIComponent(url.split('/').pop()!);
        const id = call.body!.requestId;
        let sheet = this.stored.get(id);
        if (!sheet) {
          sheet = { station, judge: 'J1', status: 'submitted', scores: call.body!.scores, version: 1, submittedAt: new Date(0).toISOString() };
          if (call.body!.comments) sheet.comments = call.body!.comments;
          this.stored.set(id, sheet);
        }
        return new Response(JSON.stringify(sheet), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }
    }
  };
}
