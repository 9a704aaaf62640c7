import type { z } from 'zod';
import type { AppealView, FiledAppeal, PublicationView } from '../contracts/appeals';
import type { AuditVerification } from '../contracts/audit';
import type { AuditRecordView, BoardState, ChiefProgress, DeductionView } from '../contracts/chief';
import type { CreatedContest, EditedContest, JudgeCard } from '../contracts/contests';
import type { ErrorBody } from '../contracts/errors';
import type { FeedResumed, FeedSnapshot, FeedUpdate } from '../contracts/feed';
import type { CompactFeedUpdate } from '../contracts/compact-feed';
import type { DrawResult, ImportReport } from '../contracts/importer';
import type { RecheckResult } from '../contracts/recheck';
import type { ServerInfo } from '../contracts/server-info';
import type { JudgeEventScheme, JudgeLoginResponse, OrganizerLoginResponse, SheetListItem, StoredSheet } from '../contracts/sheets';
import type { StaffEventChanged } from '../contracts/staff';
import type { FleetUpdate } from '../contracts/fleet';
import type { ContestSummary, EventStandings, StandingsRow, TeamStandings } from '../contracts/standings';
import type * as R from './response-schemas';
import type * as S from './socket-events';

/**
 * Fails the build when a documented schema and the wire type it documents part ways: each line
 * is an error when the schema's output and the interface are not assignable both ways.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<Schema extends z.ZodType, T> = Same<z.output<Schema>, T>;
type Expect<T extends true> = T;

export type ContractChecks = [
  Expect<Check<typeof R.errorBody, ErrorBody>>,
  Expect<Check<typeof R.standingsRow, StandingsRow>>,
  Expect<Check<typeof R.eventStandings, EventStandings>>,
  Expect<Check<typeof R.contestSummary, ContestSummary>>,
  Expect<Check<typeof R.teamStandings, TeamStandings>>,
  Expect<Check<typeof R.serverInfo, ServerInfo>>,
  Expect<Check<typeof R.organizerLogin, OrganizerLoginResponse>>,
  Expect<Check<typeof R.judgeLogin, JudgeLoginResponse>>,
  Expect<Check<typeof R.createdContest, CreatedContest>>,
  Expect<Check<typeof R.editedContest, EditedContest>>,
  Expect<Check<typeof R.judgeCard, JudgeCard>>,
  Expect<Check<typeof R.judgeEventScheme, JudgeEventScheme>>,
  Expect<Check<typeof R.sheetListItem, SheetListItem>>,
  Expect<Check<typeof R.storedSheet, StoredSheet>>,
  Expect<Check<typeof R.deductionView, DeductionView>>,
  Expect<Check<typeof R.chiefProgress, ChiefProgress>>,
  Expect<Check<typeof R.boardState, BoardState>>,
  Expect<Check<typeof R.importReport, ImportReport>>,
  Expect<Check<typeof R.drawResult, DrawResult>>,
  Expect<Check<typeof R.auditRecord, AuditRecordView>>,
  Expect<Check<typeof R.auditVerification, AuditVerification>>,
  Expect<Check<typeof R.recheckResult, RecheckResult>>,
  Expect<Check<typeof R.publicationView, PublicationView>>,
  Expect<Check<typeof R.filedAppeal, FiledAppeal>>,
  Expect<Check<typeof R.appealView, AppealView>>,
  Expect<Check<typeof S.feedSnapshot, FeedSnapshot>>,
  Expect<Check<typeof S.feedUpdate, FeedUpdate>>,
  Expect<Check<typeof S.compactFeedUpdate, CompactFeedUpdate>>,
  Expect<Check<typeof S.feedResumed, FeedResumed>>,
  Expect<Check<typeof S.staffEventChanged, StaffEventChanged>>,
  Expect<Check<typeof S.fleetUpdate, FleetUpdate>>,
];
