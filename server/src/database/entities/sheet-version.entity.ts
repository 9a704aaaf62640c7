import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every submission ever made, never changed or deleted. */
@Entity('sheet_versions')
@Index(['sheetId', 'version'], { unique: true })
@Index(['judgeId', 'requestId'], { unique: true })
export class SheetVersion {
  @PrimaryGeneratedColumn() id!: number;
  @Column('integer') sheetId!: number;
  @Column('integer') judgeId!: number;
  @Column('integer') version!: number;
  @Column('simple-json') scores!: Record<string, number>;
  @Column('varchar', { length: 64 }) requestId!: string;
  /** the judge's remarks, criterion key → text (JSON); null for none */
  @Column('text', { nullable: true }) comments!: string | null;
  @Column('varchar', { length: 30 }) createdAt!: string;
}
