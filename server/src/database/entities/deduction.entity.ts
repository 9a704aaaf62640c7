import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A chief judge's deduction item. A mistaken one is voided, never deleted. */
@Entity('deductions')
@Index(['entryId'])
export class Deduction {
  @PrimaryGeneratedColumn() id!: number;
  @Column('integer') entryId!: number;
  /** hundredths */
  @Column('integer') points!: number;
  @Column('text') reason!: string;
  @Column('varchar', { length: 80 }) createdBy!: string;
  @Column('varchar', { length: 30 }) createdAt!: string;
  @Column('varchar', { length: 30, nullable: true }) voidedAt!: string | null;
  @Column('text', { nullable: true }) voidReason!: string | null;
}
