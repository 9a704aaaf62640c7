import type { QueryName, RequestName, ResponseName } from './schema-names';

/**
 * Every HTTP route the server maps, with the schemas the OpenAPI document gives it. A route the
 * router maps but this list lacks fails test/api/openapi.api.spec.ts, which names it. Adding a
 * route is one line: method and path exactly as the controller maps them (`:param` form), who may
 * call it, the answer (`json(schemaName)`, `json(name, 201)`, `file(contentType)` or `noContent`),
 * and optionally the JSON body or query schema's name (schema-names.ts) and the error codes the
 * route adds to the usual ones (400 for bad input, 401/403 for a login, 404 for a key in the path).
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** public: no login · organizer · judge · staff: a judge or the organizer, the service decides further */
export type Audience = 'public' | 'organizer' | 'judge' | 'staff';

export type Answer = { status: number; schema: ResponseName } | { status: number; files: string[] } | { status: 204 };

export interface RouteDoc {
  method: Method;
  path: string;
  auth: Audience;
  tag: Tag;
  summary: string;
  ok: Answer;
  body?: RequestName | { raw: string[] };
  query?: QueryName;
  errors?: number[];
}

export const TAGS = {
  server: 'Server',
  auth: 'Login',
  contests: 'Contest file',
  sheets: 'Judge sheets',
  chief: 'Chief judge',
  results: 'Public results',
  board: 'Board controls',
  files: 'Exports and imports',
  integrity: 'Results integrity',
  appeals: 'Appeals',
  devices: 'Tablet fleet',
  docs: 'API documents',
} as const;
export type Tag = keyof typeof TAGS;

export const json = (schema: ResponseName, status = 200): Answer => ({ status, schema });
export const file = (...files: string[]): Answer => ({ status: 200, files });
export const noContent: Answer = { status: 204 };

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const E = '/api/contests/:code/events/:event';

export const ROUTES: RouteDoc[] = [
  { method: 'GET', path: '/api/health', auth: 'public', tag: 'server', summary: 'Liveness: the process answers (touches no dependency)', ok: json('Health') },
  { method: 'GET', path: '/api/ready', auth: 'public', tag: 'server', summary: 'Readiness: database, migrations and Redis (when configured) reachable; 503 naming the failing check', ok: json('Health'), errors: [503] },
  { method: 'GET', path: '/api/server', auth: 'public', tag: 'server', summary: 'The addresses phones and tablets reach this server at', ok: json('ServerInfo') },

  { method: 'POST', path: '/api/auth/organizer', auth: 'public', tag: 'auth', summary: 'Organizer login', body: 'OrganizerLoginInput', ok: json('OrganizerLoginResponse'), errors: [401, 429] },
  { method: 'POST', path: '/api/auth/judge', auth: 'public', tag: 'auth', summary: 'Judge login with contest and PIN (optionally the judge key)', body: 'JudgeLoginInput', ok: json('JudgeLoginResponse'), errors: [401, 429] },
  { method: 'POST', path: '/api/auth/logout', auth: 'staff', tag: 'auth', summary: 'Revoke this token at once (its staff sockets are closed)', ok: noContent },
  { method: 'POST', path: '/api/auth/organizer/password', auth: 'organizer', tag: 'auth', summary: 'Change the organizer password (ends every other organizer session)', body: 'PasswordChangeInput', ok: noContent },

  { method: 'POST', path: '/api/contests', auth: 'organizer', tag: 'contests', summary: 'Create a contest from a contest file; 400 lists every problem, nothing stored', body: 'ContestFileInput', ok: json('CreatedContest', 201), errors: [409] },
  { method: 'GET', path: '/api/contests', auth: 'public', tag: 'contests', summary: 'Every contest and its events', ok: json('ContestList') },
  { method: 'GET', path: '/api/contests/:code', auth: 'public', tag: 'contests', summary: 'A contest and its events', ok: json('ContestSummary') },
  { method: 'PUT', path: '/api/contests/:code', auth: 'organizer', tag: 'contests', summary: 'Replace the contest with an edited contest file', body: 'ContestEditInput', ok: json('EditedContest'), errors: [409] },
  { method: 'GET', path: '/api/contests/:code/file', auth: 'organizer', tag: 'contests', summary: 'The whole contest as a contest file', ok: json('ContestFile') },
  { method: 'GET', path: '/api/contests/:code/judges', auth: 'organizer', tag: 'contests', summary: "Judges' cards: keys, names, PINs and events", ok: json('JudgeCards') },
  { method: 'POST', path: `${E}/reopen`, auth: 'organizer', tag: 'contests', summary: 'Reopen a finalized event', body: 'ReopenEventInput', ok: json('EventFinal'), errors: [409] },

  { method: 'GET', path: `${E}/scheme`, auth: 'judge', tag: 'sheets', summary: 'The criteria this judge marks in the event', ok: json('JudgeEventScheme') },
  { method: 'GET', path: `${E}/sheets`, auth: 'judge', tag: 'sheets', summary: "The judge's blind list: stations only", ok: json('SheetList') },
  { method: 'PUT', path: `${E}/sheets/:station`, auth: 'judge', tag: 'sheets', summary: 'Submit a sheet; the same requestId again answers the stored sheet', body: 'SheetPutInput', ok: json('StoredSheet'), errors: [409, 429] },

  { method: 'POST', path: `${E}/sheets/:station/:judge/reopen`, auth: 'staff', tag: 'chief', summary: "Reopen a judge's submitted sheet (chief judge)", body: 'ReopenSheetInput', ok: json('ReopenedSheet'), errors: [409] },
  { method: 'POST', path: `${E}/deductions`, auth: 'staff', tag: 'chief', summary: 'Deduct points from an entry (chief judge)', body: 'DeductionInput', ok: json('Deduction', 201), errors: [409] },
  { method: 'GET', path: `${E}/deductions`, auth: 'staff', tag: 'chief', summary: "The event's deductions, withdrawn ones marked", ok: json('DeductionList') },
  { method: 'POST', path: `${E}/deductions/:id/void`, auth: 'staff', tag: 'chief', summary: 'Withdraw a deduction (chief judge)', body: 'ReopenSheetInput', ok: json('VoidedDeduction'), errors: [409] },
  { method: 'POST', path: `${E}/entries/:station/status`, auth: 'staff', tag: 'chief', summary: 'Mark an entry absent, withdrawn, disqualified or competing (chief judge)', body: 'EntryStatusInput', ok: json('EntryStatusSet'), errors: [409] },
  { method: 'POST', path: `${E}/finalize`, auth: 'staff', tag: 'chief', summary: 'Finalize the event; 409 while a competing entry is incomplete', ok: json('Finalized'), errors: [409] },
  { method: 'GET', path: `${E}/progress`, auth: 'staff', tag: 'chief', summary: "The chief judge's desk: progress, alerts, judge deviation", ok: json('ChiefProgress') },

  { method: 'GET', path: `${E}/standings`, auth: 'public', tag: 'results', summary: 'Live standings of one event (provisional until final)', ok: json('EventStandings') },
  { method: 'GET', path: '/api/contests/:code/teams', auth: 'public', tag: 'results', summary: 'Team standings', ok: json('TeamStandings') },
  { method: 'GET', path: '/api/contests/:code/snapshot', auth: 'public', tag: 'results', summary: "The live feed's snapshot over HTTP, compressed (`events` filters, comma-separated)", query: 'snapshot', ok: json('FeedSnapshot') },

  { method: 'GET', path: `${E}/board`, auth: 'organizer', tag: 'board', summary: "The public board's state for the event", ok: json('BoardState') },
  { method: 'POST', path: `${E}/board`, auth: 'organizer', tag: 'board', summary: 'Show provisional or only complete results', body: 'BoardModeInput', ok: json('BoardState') },
  { method: 'POST', path: `${E}/freeze`, auth: 'organizer', tag: 'board', summary: 'Freeze every public surface of the event', ok: json('BoardState'), errors: [409] },
  { method: 'POST', path: `${E}/unfreeze`, auth: 'organizer', tag: 'board', summary: 'Unfreeze: the public view catches up in one update', ok: json('BoardState'), errors: [409] },
  { method: 'POST', path: `${E}/reveal`, auth: 'organizer', tag: 'board', summary: 'One ceremony step; 409 when not frozen or all revealed', body: 'RevealInput', ok: json('BoardState'), errors: [409] },

  { method: 'GET', path: '/api/contests/:code/export.xlsx', auth: 'organizer', tag: 'files', summary: 'Workbook: standings, mark matrix, awards, teams, audit trail', ok: file(XLSX) },
  { method: 'GET', path: `${E}/results.csv`, auth: 'organizer', tag: 'files', summary: 'Results as CSV (UTF-8 with a BOM)', ok: file('text/csv') },
  { method: 'GET', path: `${E}/results.pdf`, auth: 'organizer', tag: 'files', summary: 'Results as PDF', ok: file(PDF) },
  { method: 'GET', path: `${E}/results.html`, auth: 'organizer', tag: 'files', summary: 'Results as a printable page', ok: file('text/html') },
  { method: 'GET', path: `${E}/feedback.pdf`, auth: 'organizer', tag: 'files', summary: "Feedback sheets, one page per contestant; 409 before the event is final", query: 'feedback', ok: file(PDF), errors: [409] },
  { method: 'GET', path: '/api/contests/:code/judge-cards.pdf', auth: 'organizer', tag: 'files', summary: "Judges' cards with login QR codes", query: 'judgeCards', ok: file(PDF) },
  { method: 'POST', path: '/api/contests/:code/import', auth: 'organizer', tag: 'files', summary: 'Import contestants and entries from a spreadsheet (the file is the body)', query: 'import', body: { raw: ['text/csv', XLSX] }, ok: json('ImportReport'), errors: [409, 413] },
  { method: 'POST', path: `${E}/draw`, auth: 'organizer', tag: 'files', summary: 'Draw stations for the entries', body: 'DrawInput', ok: json('DrawResult'), errors: [409] },

  { method: 'GET', path: '/api/contests/:code/audit', auth: 'organizer', tag: 'integrity', summary: 'The audit trail newest first; the next page is in the Link header', query: 'audit', ok: json('AuditTrail') },
  { method: 'GET', path: `${E}/recheck`, auth: 'staff', tag: 'integrity', summary: "The event's results recomputed from the audit trail alone, compared with the published standings (organizer or chief judge)", ok: json('RecheckResult') },
  { method: 'GET', path: '/api/contests/:code/audit/verify', auth: 'organizer', tag: 'integrity', summary: "Check the audit hash chain; a broken chain is an answer, not an error", ok: json('AuditVerification') },

  { method: 'POST', path: `${E}/publish`, auth: 'organizer', tag: 'appeals', summary: 'Publish the final results and open the appeal window', body: 'PublishInput', ok: json('PublicationView'), errors: [409] },
  { method: 'GET', path: `${E}/appeal-state`, auth: 'public', tag: 'appeals', summary: 'The appeal fields of the standings alone (`{}` before publication)', ok: json('AppealState') },
  { method: 'GET', path: `${E}/publication`, auth: 'staff', tag: 'appeals', summary: "The publication of the event's results", ok: json('PublicationView') },
  { method: 'POST', path: `${E}/appeals`, auth: 'organizer', tag: 'appeals', summary: 'File an appeal; 409 once the window has closed', body: 'FileAppealInput', ok: json('FiledAppeal', 201), errors: [409] },
  { method: 'GET', path: `${E}/appeals`, auth: 'staff', tag: 'appeals', summary: "The event's appeals (organizer or chief judge)", ok: json('AppealList') },
  { method: 'GET', path: `${E}/appeals/:id`, auth: 'staff', tag: 'appeals', summary: 'One appeal', ok: json('AppealView') },
  { method: 'POST', path: `${E}/appeals/:id/decision`, auth: 'staff', tag: 'appeals', summary: 'Answer an appeal (chief judge)', body: 'AppealDecisionInput', ok: json('AppealView'), errors: [409] },
  { method: 'GET', path: `${E}/appeals/:id/notice.pdf`, auth: 'staff', tag: 'appeals', summary: "The appeal's written answer as PDF", ok: file(PDF) },

  { method: 'POST', path: '/api/devices/report', auth: 'judge', tag: 'devices', summary: "A judge's tablet reports its outbox, app version and battery for the fleet monitor (at most 5 in 5 s per login and per device)", body: 'DeviceReportInput', ok: noContent, errors: [429] },

  { method: 'GET', path: '/api/openapi.json', auth: 'public', tag: 'docs', summary: 'This document', ok: file('application/json') },
  { method: 'GET', path: '/api/asyncapi.json', auth: 'public', tag: 'docs', summary: 'The live feed and staff channel as an AsyncAPI 3 document', ok: file('application/json') },
  { method: 'GET', path: '/api/docs', auth: 'public', tag: 'docs', summary: 'Interactive API documentation', ok: file('text/html') },
  { method: 'GET', path: '/api/docs/:asset', auth: 'public', tag: 'docs', summary: "The documentation page's scripts and styles", ok: file('application/javascript', 'text/css') },
];
