/**
 * Appeals (复核申请), integration contract §5: the organizer publishes an event's finalized results
 * with an appeal window; appeals are recorded against a station and answered by the event's chief
 * judge. No framework imports here: the apps import these types.
 */

/** Longest appeal window: one week. */
export const APPEAL_MINUTES_MAX = 10_080;
export const APPEAL_REASON_MAX = 1000;
export const APPEAL_FILED_BY_MAX = 100;
export const APPEAL_ANSWER_MAX = 1000;

export type AppealStatus = 'open' | 'decided';
export type AppealOutcome = 'upheld' | 'rejected';

/** `POST …/events/:event/publish` */
export interface PublishBody {
  /** whole minutes from now until appeals close, 0..APPEAL_MINUTES_MAX */
  appealMinutes: number;
}

/** The publication of an event's results, as the organizer's console shows it. */
export interface PublicationView {
  event: string;
  /** null before the results are published */
  publishedAt: string | null;
  appealsClose: string | null;
  /** the window has closed, every appeal is decided and the event is final */
  official: boolean;
  /** appeals not yet answered */
  open: number;
  final: boolean;
}

/** `POST …/appeals` */
export interface FileAppealBody {
  station: string;
  reason: string;
  filedBy: string;
}

export interface FiledAppeal {
  id: string;
  status: 'open';
  filedAt: string;
}

/** `POST …/appeals/:id/decision` */
export interface AppealDecisionBody {
  outcome: AppealOutcome;
  answer: string;
}

/** A reopen or deduction the chief judge made for an appeal. */
export interface AppealLinkedAct {
  action: 'sheet.reopen' | 'deduction.add';
  at: string;
  by: string;
  /** the judge whose sheet was reopened */
  judge?: string;
  /** the deduction's id and points */
  deduction?: number;
  points?: number;
}

/** One appeal as the organizer and the event's chief judge see it (never on a public surface). */
export interface AppealView {
  id: string;
  event: string;
  station: string;
  bib: string;
  name: string;
  organization: string;
  reason: string;
  filedBy: string;
  filedAt: string;
  status: AppealStatus;
  outcome: AppealOutcome | null;
  answer: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  acts: AppealLinkedAct[];
}

/** What every public standings object of a published event carries (§3, §4). */
export interface PublicAppealState {
  appealsClose: string;
  official: boolean;
}
