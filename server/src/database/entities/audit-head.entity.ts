import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last link of a contest's audit chain: its position and hash (contest 0: logins that belong to no contest). */
@Entity('audit_heads')
export class AuditHead {
  @PrimaryColumn('integer') contestId!: number;
  @Column('integer') position!: number;
  @Column('varchar', { length: 64 }) hash!: string;
}
