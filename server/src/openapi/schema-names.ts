import { z } from 'zod';
import { decisionSchema, fileAppealSchema, publishSchema } from '../appeals/appeal-schemas';
import { auditQuerySchema } from '../contracts/audit';
import { boardModeSchema, deductionSchema, entryStatusSchema, reopenEventSchema, reopenSheetSchema, revealSchema } from '../contracts/chief';
import { contestFileSchema } from '../contracts/contest-file';
import { judgeCardsQuerySchema } from '../contracts/contests';
import { deviceReportSchema } from '../fleet/fleet-schemas';
import { importQuerySchema } from '../contracts/importer';
import { organizerPasswordChangeSchema } from '../contracts/sessions';
import { judgeLoginSchema, organizerLoginSchema, sheetPutSchema } from '../contracts/sheets';
import { snapshotQuerySchema } from '../contracts/watch-request';
import * as R from './response-schemas';
import { feedSnapshot } from './socket-events';

/**
 * The named schemas of the OpenAPI document: `components.schemas` holds each under its name, and
 * routes refer to them by name. Request bodies and queries are documented as clients write them
 * (zod's input side: before defaults and transforms); responses as the server sends them.
 */

export const RESPONSES = {
  ErrorBody: R.errorBody,
  Health: R.health,
  ServerInfo: R.serverInfo,
  OrganizerLoginResponse: R.organizerLogin,
  JudgeLoginResponse: R.judgeLogin,
  ContestSummary: R.contestSummary,
  ContestList: z.array(R.contestSummary),
  CreatedContest: R.createdContest,
  EditedContest: R.editedContest,
  ContestFile: contestFileSchema,
  JudgeCards: z.array(R.judgeCard),
  EventFinal: R.eventFinal,
  JudgeEventScheme: R.judgeEventScheme,
  SheetList: z.array(R.sheetListItem),
  StoredSheet: R.storedSheet,
  ReopenedSheet: R.reopenedSheet,
  Deduction: R.deductionView,
  DeductionList: z.array(R.listedDeduction),
  VoidedDeduction: R.voidedDeduction,
  EntryStatusSet: R.entryStatusSet,
  Finalized: R.finalized,
  ChiefProgress: R.chiefProgress,
  EventStandings: R.eventStandings,
  StandingsRow: R.standingsRow,
  TeamStandings: R.teamStandings,
  FeedSnapshot: feedSnapshot,
  BoardState: R.boardState,
  ImportReport: R.importReport,
  DrawResult: R.drawResult,
  AuditTrail: z.array(R.auditRecord),
  AuditVerification: R.auditVerification,
  RecheckResult: R.recheckResult,
  PublicationView: R.publicationView,
  AppealState: R.appealState,
  FiledAppeal: R.filedAppeal,
  AppealView: R.appealView,
  AppealList: z.array(R.appealView),
} satisfies Record<string, z.ZodType>;

/** The sheet body's scores and remarks are checked against the event by the sheet service; here, their shape. */
const sheetPut = sheetPutSchema.extend({
  scores: z.record(z.string(), z.number()).describe('criterion key → mark, within 0..max and a multiple of step'),
  comments: z.record(z.string(), z.string().max(500)).optional().describe('criterion key → remark, for criteria this judge marks'),
});

/** The edit's own fields beside the contest file. */
const contestEdit = contestFileSchema.extend({
  confirm: z.boolean().optional().describe('apply changes that alter results already marked'),
  reason: z.string().max(500).optional().describe('for the audit trail'),
});

/** Mirrors the station draw's body (its schema is private to the service). */
const drawBody = z.object({ seed: z.string().trim().min(1).max(64).optional().describe('repeat a draw: the same seed gives the same stations') });
/** Mirrors the feedback sheets' query (its schema is private to the service). */
const feedbackQuery = z.object({ organization: z.string().trim().min(1).max(100).optional().describe('only this organization’s contestants') });

export const REQUESTS = {
  ContestFileInput: contestFileSchema,
  ContestEditInput: contestEdit,
  OrganizerLoginInput: organizerLoginSchema,
  JudgeLoginInput: judgeLoginSchema,
  PasswordChangeInput: organizerPasswordChangeSchema,
  SheetPutInput: sheetPut,
  ReopenSheetInput: reopenSheetSchema,
  DeductionInput: deductionSchema,
  EntryStatusInput: entryStatusSchema,
  ReopenEventInput: reopenEventSchema,
  BoardModeInput: boardModeSchema,
  RevealInput: revealSchema,
  DrawInput: drawBody,
  PublishInput: publishSchema,
  FileAppealInput: fileAppealSchema,
  AppealDecisionInput: decisionSchema,
  DeviceReportInput: deviceReportSchema,
} satisfies Record<string, z.ZodType>;

/** Query strings, one parameter per property. */
export const QUERIES = {
  audit: auditQuerySchema,
  import: importQuerySchema,
  judgeCards: judgeCardsQuerySchema,
  snapshot: snapshotQuerySchema,
  feedback: feedbackQuery,
} satisfies Record<string, z.ZodObject>;

export type ResponseName = keyof typeof RESPONSES;
export type RequestName = keyof typeof REQUESTS;
export type QueryName = keyof typeof QUERIES;
