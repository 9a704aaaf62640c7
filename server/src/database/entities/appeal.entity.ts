import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AppealLinkedAct, AppealOutcome, AppealStatus } from '../../contracts/appeals';

/** One appeal (复核申请) against an entry's result; answered once, never deleted. */
@Entity('appeals')
@Index(['eventId', 'no'], { unique: true })
export class Appeal {
  @PrimaryGeneratedColumn() id!: number;
  @Column('integer') eventId!: number;
  @Column('integer') entryId!: number;
  /** numbered from 1 within the event: the id people read out and write down */
  @Column('integer') no!: number;
  @Column('text') reason!: string;
  @Column('varchar', { length: 100 }) filedBy!: string;
  @Column('varchar', { length: 30 }) filedAt!: string;
  @Column('varchar', { length: 80 }) recordedBy!: string;
  @Column('varchar', { length: 12 }) status!: AppealStatus;
  @Column('varchar', { length: 12, nullable: true }) outcome!: AppealOutcome | null;
  @Column('text', { nullable: true }) answer!: string | null;
  @Column('varchar', { length: 30, nullable: true }) decidedAt!: string | null;
  @Column('varchar', { length: 80, nullable: true }) decidedBy!: string | null;
  /** the reopens and deductions the chief judge made for it */
  @Column('simple-json') acts!: AppealLinkedAct[];
}
