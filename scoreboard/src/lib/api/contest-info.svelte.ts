import type { ContestSummary, ServerInfo, TeamStandings } from '@skillscore/server/contracts';
import { ApiError, type PublicApi } from './public-api';

/** Contest title/events and team standings, read over REST; teams are re-read after score changes. */
export class ContestInfo {
  summary = $state.raw<ContestSummary | null>(null);
  teams = $state.raw<TeamStandings | null>(null);
  /** where phones reach the server (`GET /api/server`); null until read or when it cannot be */
  server = $state.raw<ServerInfo | null>(null);
  /** true once `loadServer` has answered, either way */
  serverChecked = $state(false);
  /** set when the contest itself cannot be read */
  error = $state<{ status: number; message: string } | null>(null);

  private readonly code: string;
  private readonly api: PublicApi;
  private readonly teamsMinGapMs: number;
  private teamsTimer: ReturnType<typeof setTimeout> | null = null;
  private lastTeamsAt = -Infinity;
  private stopped = false;

  constructor(code: string, api: PublicApi, teamsMinGapMs = 8_000) {
    this.code = code;
    this.api = api;
    this.teamsMinGapMs = teamsMinGapMs;
  }

  async loadSummary(): Promise<void> {
    try {
      this.summary = await this.api.contest(this.code);
      this.error = null;
    } catch (e) {
      this.error = e instanceof ApiError ? { status: e.status, message: e.message } : { status: 0, message: String(e) };
    }
  }

  /** Only the projector asks: its QR code must carry an address phones reach, not the laptop's loopback. */
  async loadServer(doFetch: typeof fetch = (...args) => fetch(...args)): Promise<void> {
    try {
      const res = await doFetch('/api/server', { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (res.ok) this.server = (await res.json()) as ServerInfo;
    } catch {
      // an older server without the endpoint: the page's own address stands in
    }
    this.serverChecked = true;
  }

  async loadTeams(): Promise<void> {
    this.lastTeamsAt = Date.now();
    try {
      this.teams = await this.api.teams(this.code);
    } catch (e) {
      // A contest without team scoring has no team page; a network error keeps the last table.
      if (e instanceof ApiError && e.status === 404) this.teams = null;
    }
  }

  /** Re-read team standings soon, at most once per `teamsMinGapMs` however many updates arrive. */
  refreshTeamsSoon(): void {
    if (this.stopped || this.teamsTimer) return;
    const wait = Math.max(0, this.lastTeamsAt + this.teamsMinGapMs - Date.now());
    this.teamsTimer = setTimeout(() => {
      this.teamsTimer = null;
      if (!this.stopped) void this.loadTeams();
    }, wait);
  }

  stop(): void {
    this.stopped = true;
    if (this.teamsTimer) clearTimeout(this.teamsTimer);
    this.teamsTimer = null;
  }
}
