import type { ContestFile, Problem } from '@skillscore/server/contracts';
import { ApiError } from '../../lib/api/http';
import type { ConsoleApi, CreatedContest, EditedContest } from '../api/console-api';
import type { DownloadedFile } from '../api/transfer';
import { checkDraft } from './draft-to-file';
import { draftFromFile, emptyCriterion, emptyDraft, emptyEvent, type ContestDraft, type DraftAward, type DraftEvent } from './draft';
import { ancestors, fieldPaths, placeProblems } from './problem-paths';

export type SaveOutcome =
  | { kind: 'invalid'; first: string }
  | { kind: 'created'; result: CreatedContest }
  | { kind: 'edited'; result: EditedContest }
  | { kind: 'needsConfirm' }
  | { kind: 'failed'; error: unknown };

/** A confirmation the server asked for: these changes alter results already marked. */
export interface PendingConfirm {
  problems: Problem[];
}

/**
 * The setup form of one contest: the draft, its problems checked live with the server's own
 * validator, and saving (create, or edit with the server's confirmation for marked results).
 */
export class ContestEditor {
  draft = $state<ContestDraft>(emptyDraft());
  /** problems the server answered with the last save, until their field is edited */
  serverProblems = $state<Problem[]>([]);
  /** fields the organizer has changed; their problems show at once */
  touched = $state<string[]>([]);
  /** a save was tried: every problem shows */
  attempted = $state(false);
  saving = $state(false);
  pendingConfirm = $state<PendingConfirm | null>(null);
  /** what the last save did */
  saved = $state<CreatedContest | EditedContest | null>(null);
  dirty = $state(false);
  /** long lists (contestants, an event's entries) shown whole rather than their first rows */
  expanded = $state<string[]>([]);

  constructor(
    readonly mode: 'create' | 'edit',
    private readonly api: ConsoleApi,
    /** the stored contest's code, when editing */
    readonly code: string | null = null,
  ) {}

  checked = $derived.by(() => {
    const r = checkDraft(this.draft);
    if (this.mode === 'edit' && this.code && r.file.code !== this.code) {
      r.problems.unshift({ path: 'code', message: `the contest code cannot change (this contest is "${this.code}")` });
    }
    return r;
  });

  places = $derived(fieldPaths(this.draft));

  /** every problem, at the field (or row, or list) the form shows it */
  placed = $derived(placeProblems([...this.checked.problems, ...this.serverProblems], this.places));

  /** problems the organizer should see now */
  visible = $derived.by(() => {
    const show = new Map<string, Problem[]>();
    for (const [path, list] of this.placed) if (this.attempted || this.isTouchedWithin(path)) show.set(path, list);
    return show;
  });

  problemCount = $derived(this.checked.problems.length + this.serverProblems.length);

  private isTouchedWithin(path: string): boolean {
    return this.touched.some((p) => p === path || (path !== '' && (p.startsWith(`${path}.`) || p.startsWith(`${path}[`))) || ancestors(p).includes(path));
  }

  at(path: string): Problem[] {
    return this.visible.get(path) ?? [];
  }

  load(file: ContestFile): void {
    this.draft = draftFromFile(file);
    this.serverProblems = [];
    this.touched = [];
    this.attempted = this.mode === 'edit';
    this.dirty = false;
  }

  /** A field was edited: its problems show from now on, and the server's old word on it goes. */
  touch(path: string): void {
    if (!this.touched.includes(path)) this.touched.push(path);
    this.serverProblems = this.serverProblems.filter((p) => p.path !== path && !ancestors(p.path).includes(path));
    this.dirty = true;
  }

  /** Rows moved: the server's problems name old positions, so they no longer apply. */
  private restructured(): void {
    this.serverProblems = [];
    this.dirty = true;
  }

  /** A contest file read from disk, replacing the form. */
  importJson(text: string): boolean {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return false;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
    this.draft = draftFromFile(parsed as ContestFile);
    this.serverProblems = [];
    this.attempted = true;
    this.dirty = true;
    return true;
  }

  exportJson(): DownloadedFile {
    const file = this.checked.file;
    return { blob: new Blob([JSON.stringify(file, null, 2) + '\n'], { type: 'application/json' }), filename: `${file.code || 'contest'}.contest.json` };
  }

  addJudge(): void {
    const used = new Set(this.draft.judges.map((j) => j.key));
    let n = this.draft.judges.length + 1;
    while (used.has(`J${n}`)) n++;
    this.draft.judges.push({ key: `J${n}`, name: '', pin: '' });
    this.dirty = true;
  }

  removeJudge(i: number): void {
    this.draft.judges.splice(i, 1);
    this.restructured();
  }

  addContestant(): void {
    this.draft.contestants.push({ bib: '', name: '', organization: this.draft.contestants.at(-1)?.organization ?? '' });
    this.dirty = true;
  }

  removeContestant(i: number): void {
    this.draft.contestants.splice(i, 1);
    this.restructured();
  }

  addEvent(): void {
    this.draft.events.push(emptyEvent());
    this.dirty = true;
  }

  removeEvent(e: number): void {
    this.draft.events.splice(e, 1);
    this.restructured();
  }

  addCriterion(ev: DraftEvent): void {
    ev.criteria.push(emptyCriterion());
    this.dirty = true;
  }

  removeCriterion(ev: DraftEvent, i: number): void {
    ev.criteria.splice(i, 1);
    this.restructured();
  }

  addTieBreak(ev: DraftEvent): void {
    ev.tieBreak.push({ by: 'criterion', criterion: ev.criteria[0]?.key ?? '', order: 'desc' });
    this.dirty = true;
  }

  removeTieBreak(ev: DraftEvent, i: number): void {
    ev.tieBreak.splice(i, 1);
    this.restructured();
  }

  addAward(ev: DraftEvent, name = ''): void {
    const award: DraftAward = { name, by: 'share', sharePercent: '', count: '', minTotal: '' };
    ev.awards.push(award);
    this.dirty = true;
  }

  /** The usual three tiers: 10 %, 20 %, 30 % of the ranked entries. */
  presetAwards(ev: DraftEvent, names: [string, string, string]): void {
    ev.awards = names.map((name, i) => ({ name, by: 'share' as const, sharePercent: String((i + 1) * 10), count: '', minTotal: '' }));
    this.restructured();
  }

  removeAward(ev: DraftEvent, i: number): void {
    ev.awards.splice(i, 1);
    this.restructured();
  }

  addPanelMember(ev: DraftEvent): void {
    const on = new Set(ev.panel.map((p) => p.judge));
    const next = this.draft.judges.find((j) => !on.has(j.key.trim()) && j.key.trim() !== ev.chiefJudge);
    ev.panel.push({ judge: next?.key.trim() ?? '', all: true, criteria: [] });
    this.dirty = true;
  }

  /** Every judge who is not yet on the panel and not the chief judge joins it, marking everything. */
  addAllJudges(ev: DraftEvent): void {
    const on = new Set(ev.panel.map((p) => p.judge));
    for (const j of this.draft.judges) {
      const key = j.key.trim();
      if (key && !on.has(key) && key !== ev.chiefJudge) ev.panel.push({ judge: key, all: true, criteria: [] });
    }
    this.dirty = true;
  }

  removePanelMember(ev: DraftEvent, i: number): void {
    ev.panel.splice(i, 1);
    this.restructured();
  }

  addEntry(ev: DraftEvent): void {
    ev.entries.push({ bib: '', station: '' });
    this.dirty = true;
  }

  /** Every contestant not yet entered gets an entry, on the next free stations (01, 02, …). */
  enterEveryone(ev: DraftEvent): void {
    const entered = new Set(ev.entries.map((x) => x.bib.trim()));
    const taken = new Set(ev.entries.map((x) => x.station.trim()));
    const width = Math.max(2, String(this.draft.contestants.length + ev.entries.length).length);
    let n = 1;
    for (const c of this.draft.contestants) {
      const bib = c.bib.trim();
      if (!bib || entered.has(bib)) continue;
      while (taken.has(String(n).padStart(width, '0'))) n++;
      const station = String(n).padStart(width, '0');
      taken.add(station);
      ev.entries.push({ bib, station });
    }
    this.dirty = true;
  }

  removeEntry(ev: DraftEvent, i: number): void {
    ev.entries.splice(i, 1);
    this.restructured();
  }

  setTeams(on: boolean): void {
    this.draft.teams = on ? { size: '', events: null } : null;
    this.restructured();
  }

  isExpanded(list: string): boolean {
    return this.expanded.includes(list);
  }

  expand(list: string): void {
    if (!this.expanded.includes(list)) this.expanded.push(list);
  }

  /** Shows the long list a path lies in, so its field can take the focus. */
  reveal(path: string): void {
    const m = /^(contestants|events\[\d+\]\.entries)\[\d+\]/.exec(path);
    if (m) this.expand(m[1]);
  }

  /** The first field with a problem, to bring into view. */
  firstProblem(): string | null {
    const order = [...this.places];
    const paths = [...this.placed.keys()];
    paths.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return paths[0] ?? null;
  }

  /** Saves the form; on a 409 it waits for `confirm(reason)`. */
  async save(opts: { confirm?: boolean; reason?: string } = {}): Promise<SaveOutcome> {
    this.attempted = true;
    if (this.checked.problems.length) return { kind: 'invalid', first: this.firstProblem() ?? '' };
    this.saving = true;
    try {
      const file = this.checked.file;
      if (this.mode === 'create') {
        const result = await this.api.create(file);
        this.saved = result;
        this.dirty = false;
        return { kind: 'created', result };
      }
      const result = await this.api.edit(this.code!, file, opts);
      this.saved = result;
      this.pendingConfirm = null;
      this.serverProblems = [];
      this.dirty = false;
      return { kind: 'edited', result };
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && this.mode === 'edit' && e.body?.problems?.length) {
        this.pendingConfirm = { problems: e.body.problems };
        return { kind: 'needsConfirm' };
      }
      if (e instanceof ApiError && e.status === 400 && e.body?.problems?.length) {
        this.serverProblems = e.body.problems;
        return { kind: 'invalid', first: this.firstProblem() ?? '' };
      }
      if (e instanceof ApiError && e.status === 409 && this.mode === 'create') {
        // the code is taken
        this.serverProblems = [{ path: 'code', message: e.body?.message ?? 'exists' }];
        return { kind: 'invalid', first: 'code' };
      }
      return { kind: 'failed', error: e };
    } finally {
      this.saving = false;
    }
  }

  confirm(reason: string): Promise<SaveOutcome> {
    return this.save({ confirm: true, reason: reason.trim() || undefined });
  }

  cancelConfirm(): void {
    this.pendingConfirm = null;
  }
}
