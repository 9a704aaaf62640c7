import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type SheetState = 'open' | 'submitted';

/** The current state of one judge's sheet for one entry; its history is in sheet_versions. */
@Entity('sheets')
@Index(['entryId', 'judgeId'], { unique: true })
export class Sheet {
  @PrimaryGeneratedColumn() id!: number;
  @Column('integer') entryId!: number;
  @Column('integer') judgeId!: number;
  @Column('varchar', { length: 12 }) status!: SheetState;
  /** number of the latest submitted version */
  @Column('integer') version!: number;
  /** marks of the latest version, criterion key → hundredths */
  @Column('simple-json') scores!: Record<string, number>;
  @Column('varchar', { length: 30 }) updatedAt!: string;
  /** the judge's remarks, criterion key → text (JSON); null for none */
  @Column('text', { nullable: true }) comments!: string | null;
}
