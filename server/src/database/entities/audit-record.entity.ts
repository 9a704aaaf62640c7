import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only record of every act that changes marks, results or their publication. */
@Entity('audit_log')
@Index(['contestId', 'id'])
export class AuditRecord {
  @PrimaryGeneratedColumn() id!: number;
  @Column('integer') contestId!: number;
  @Column('varchar', { length: 40, nullable: true }) event!: string | null;
  @Column('varchar', { length: 20, nullable: true }) station!: string | null;
  @Column('varchar', { length: 40, nullable: true }) judge!: string | null;
  /** "organizer" or "judge:KEY" */
  @Column('varchar', { length: 80 }) actor!: string;
  @Column('varchar', { length: 40 }) action!: string;
  @Column('simple-json', { nullable: true }) before!: unknown;
  @Column('simple-json', { nullable: true }) after!: unknown;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('varchar', { length: 30 }) at!: string;
}
