import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EventFile } from '../../contracts/contest-file';

/** The event's scheme as written in the contest file, without its entries. */
export type BoardMode = 'provisional' | 'complete';

export type StoredScheme = Omit<EventFile, 'entries'>;

@Entity('events')
@Index(['contestId', 'key'], { unique: true })
export class ContestEvent {
  @PrimaryGeneratedColumn() id!: number;
  @Column('integer') contestId!: number;
  @Column('varchar', { length: 40 }) key!: string;
  @Column('varchar', { length: 60 }) name!: string;
  @Column('integer') position!: number;
  @Column('simple-json') scheme!: StoredScheme;
  @Column('boolean', { default: false }) final!: boolean;
  @Column('boolean', { default: false }) frozen!: boolean;
  /** provisional: every competing entry, marked incomplete where it is; complete: only complete entries are public */
  @Column('varchar', { length: 12, default: 'provisional' }) boardMode!: BoardMode;
  /** how many steps of the ceremony reveal the public has seen while the event is frozen */
  @Column('integer', { default: 0 }) revealed!: number;
  /** grows with every change to the event's marks, deductions or statuses: a cache key */
  @Column('integer', { default: 0 }) revision!: number;
}
