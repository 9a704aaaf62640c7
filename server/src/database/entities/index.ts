import { Appeal } from './appeal.entity';
import { AppealWindow } from './appeal-window.entity';
import { AuditHead } from './audit-head.entity';
import { AuditRecord } from './audit-record.entity';
import { AuthToken } from './auth-token.entity';
import { ContestEvent } from './contest-event.entity';
import { Contest } from './contest.entity';
import { Contestant } from './contestant.entity';
import { Deduction } from './deduction.entity';
import { Entry } from './entry.entity';
import { FeedState } from './feed-state.entity';
import { Judge } from './judge.entity';
import { Setting } from './setting.entity';
import { SheetVersion } from './sheet-version.entity';
import { Sheet } from './sheet.entity';

export { Appeal, AppealWindow, AuditHead, AuditRecord, AuthToken, Contest, ContestEvent, Contestant, Deduction, Entry, FeedState, Judge, Setting, Sheet, SheetVersion };

export const ENTITIES = [Setting, Contest, Judge, Contestant, ContestEvent, Entry, Sheet, SheetVersion, Deduction, AuditRecord, AuditHead, AuthToken, FeedState, Appeal, AppealWindow];
