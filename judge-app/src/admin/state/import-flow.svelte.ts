import type { ImportReport } from '@skillscore/server/contracts';
import { ApiError } from '../../lib/api/http';
import { XLSX_TYPE, type ConsoleApi } from '../api/console-api';
import type { UploadProgress } from '../api/transfer';

export type ImportPhase = 'idle' | 'checking' | 'previewed' | 'committing' | 'done' | 'failed';

/** Content type the server's import reads, from the file's name (browsers often leave `type` empty for .csv). */
export function importContentType(file: { name: string; type: string }): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  if (name.endsWith('.csv')) return 'text/csv';
  if (file.type === XLSX_TYPE || file.type === 'text/csv') return file.type;
  return null;
}

/** Problems grouped by sheet row, in row order, for the preview's problem table. */
export function problemsByRow(report: ImportReport | null): { row: number; problems: { field: string; message: string }[] }[] {
  const rows = new Map<number, { field: string; message: string }[]>();
  for (const p of report?.problems ?? []) rows.set(p.row, [...(rows.get(p.row) ?? []), { field: p.field, message: p.message }]);
  return [...rows].sort(([a], [b]) => a - b).map(([row, problems]) => ({ row, problems }));
}

/**
 * Contestants and entries from a spreadsheet: choose a file, see the server's row-by-row check
 * (nothing stored), then commit the same file in one step — all rows or none. An event the file
 * adds entries to that is finalized blocks the import until the organizer reopens it; one whose
 * marking has started needs the organizer's explicit confirmation.
 */
export class ImportFlow {
  file = $state<File | null>(null);
  phase = $state<ImportPhase>('idle');
  report = $state<ImportReport | null>(null);
  /** upload progress of the request under way, 0..1 */
  progress = $state(0);
  /** the upload is done and the server is reading the rows */
  serverWorking = $state(false);
  error = $state<unknown>(null);
  /** the chosen file is neither .xlsx nor .csv */
  wrongType = $state(false);

  constructor(
    private readonly api: ConsoleApi,
    readonly code: string,
  ) {}

  byRow = $derived(problemsByRow(this.report));
  problemRows = $derived(new Set(this.report?.problems.map((p) => p.row) ?? []));
  /** keys of finalized events the file adds entries to: nothing can be imported until they are reopened */
  finalEvents = $derived(this.report?.finalEvents ?? []);
  /** keys of events being marked that the file adds entries to: the import needs a confirmation */
  markedEvents = $derived(this.report?.markedEvents ?? []);
  canCommit = $derived(this.phase === 'previewed' && !!this.report && this.report.problems.length === 0 && this.report.rows > 0 && this.finalEvents.length === 0);
  needsConfirm = $derived(this.canCommit && this.markedEvents.length > 0);

  private onProgress = (p: UploadProgress) => {
    this.progress = p.total > 0 ? Math.min(1, p.sent / p.total) : 0;
    if (p.total > 0 && p.sent >= p.total) this.serverWorking = true;
  };

  /** A file was chosen: check it at once. */
  async choose(file: File | null): Promise<void> {
    this.file = file;
    this.report = null;
    this.error = null;
    this.wrongType = false;
    if (!file) {
      this.phase = 'idle';
      return;
    }
    if (!importContentType(file)) {
      this.wrongType = true;
      this.phase = 'failed';
      return;
    }
    await this.send(true);
  }

  /** Checks the chosen file again (after it was fixed and saved under the same name, choose it again). */
  recheck(): Promise<void> {
    return this.send(true);
  }

  /** `confirm`: the organizer has read that marking has started in an event the file adds entries to. */
  commit(confirm = false): Promise<void> {
    return this.send(false, confirm);
  }

  reset(): void {
    this.file = null;
    this.report = null;
    this.error = null;
    this.phase = 'idle';
  }

  private async send(dryRun: boolean, confirm = false): Promise<void> {
    const file = this.file;
    if (!file) return;
    this.phase = dryRun ? 'checking' : 'committing';
    this.progress = 0;
    this.serverWorking = false;
    this.error = null;
    try {
      const report = await this.api.importSheet(this.code, file, importContentType(file)!, dryRun, this.onProgress, confirm);
      if (this.file !== file) return;
      this.report = report;
      this.phase = dryRun ? 'previewed' : 'done';
    } catch (e) {
      if (this.file !== file) return;
      if (!dryRun && e instanceof ApiError && e.status === 409) {
        // the contest changed since the check (marking began, or an event was finalized): check again, so the preview says what now
        await this.send(true);
        if (this.file === file) this.error = e;
        return;
      }
      this.error = e;
      this.phase = 'failed';
    } finally {
      this.serverWorking = false;
    }
  }
}
