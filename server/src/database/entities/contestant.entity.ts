import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('contestants')
@Index(['contestId', 'bib'], { unique: true })
export class Contestant {
  @PrimaryGeneratedColumn() id!: number;
  @Column('integer') contestId!: number;
  @Column('varchar', { length: 20 }) bib!: string;
  @Column('varchar', { length: 40 }) name!: string;
  @Column('varchar', { length: 60 }) organization!: string;
}
