import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('judges')
@Index(['contestId', 'key'], { unique: true })
@Index(['contestId', 'pinHash'], { unique: true })
export class Judge {
  @PrimaryGeneratedColumn() id!: number;
  @Column('integer') contestId!: number;
  @Column('varchar', { length: 40 }) key!: string;
  @Column('varchar', { length: 40 }) name!: string;
  @Column('varchar', { length: 128 }) pinHash!: string;
  /** the PIN sealed with the server key, so judge cards can be printed again */
  @Column('text') pinSealed!: string;
}
