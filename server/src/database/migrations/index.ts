import { InitialSchema1764460000000 } from './1764460000000-initial-schema';
import { BoardControls1764470000000 } from './1764470000000-board-controls';
import { FeedStateStamp1764480000000 } from './1764480000000-feed-state-stamp';
import { FeedStateLast1764494000000 } from './1764494000000-feed-state-last';
import { FeedLog1764494100000 } from './1764494100000-feed-log';
import { AuditChain1764495000000 } from './1764495000000-audit-chain';
import { Appeals1764496000000 } from './1764496000000-appeals';
import { SheetComments1764497000000 } from './1764497000000-sheet-comments';

export const MIGRATIONS = [InitialSchema1764460000000, BoardControls1764470000000, FeedStateStamp1764480000000, FeedStateLast1764494000000, FeedLog1764494100000, AuditChain1764495000000, Appeals1764496000000, SheetComments1764497000000];
