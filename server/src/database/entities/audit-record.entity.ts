import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only record of every act that changes marks, results or their publication. Each is a
 * link of its contest's hash chain (audit/audit-chain.ts): `hash` covers its content, its
 * `position` and the hash of the record before it.
 */
@Entity('audit_log')
@Index(['contestId', 'id'])
@Index(['contestId', 'position', 'id'])
export class AuditRecord {
  @PrimaryGeneratedColumn() id!: number;
  @Column('integer') contestId!: number;
  /** 1-based place in the contest's chain */
  @Column('integer', { default: 0 }) position!: number;
  /** SHA-256, hex */
  @Column('varchar', { length: 64, default: '' }) hash!: string;
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
