import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StandingsRow } from '../../contracts/standings';

/** What the public last saw of one event: the live feed diffs against it and serves snapshots from it. */
@Entity('feed_state')
export class FeedState {
  @PrimaryColumn('integer') eventId!: number;
  @Column('integer') contestId!: number;
  @Column('simple-json') rows!: StandingsRow[];
  @Column('boolean', { default: false }) final!: boolean;
  @Column('boolean', { default: false }) frozen!: boolean;
  /** new random text on every write: tells a process whether its copy in memory is current */
  @Column('varchar', { length: 32, default: '' }) stamp!: string;
  /** the seq of the latest feed message for this event (0 before the first) */
  @Column('integer', { default: 0 }) last!: number;
}
