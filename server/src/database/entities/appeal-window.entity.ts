import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The publication of an event's finalized results (成绩公示) and its appeal window. */
@Entity('appeal_windows')
export class AppealWindow {
  @PrimaryColumn('integer') eventId!: number;
  @Column('integer') contestId!: number;
  @Column('varchar', { length: 30 }) publishedAt!: string;
  @Column('varchar', { length: 30 }) closesAt!: string;
  @Column('integer') minutes!: number;
  @Column('varchar', { length: 80 }) publishedBy!: string;
  /** the public appeal fields the live feed last announced, so each change goes out once whichever process sees it */
  @Column('varchar', { length: 80, default: '' }) announced!: string;
}
