import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('contests')
export class Contest {
  @PrimaryGeneratedColumn() id!: number;
  @Column('varchar', { length: 32, unique: true }) code!: string;
  @Column('text') title!: string;
  @Column('text') venue!: string;
  @Column('varchar', { length: 20 }) locale!: string;
  /** `teams` of the contest file, or null for the defaults (size 3, every event) */
  @Column('simple-json', { nullable: true }) teams!: { size?: number; events?: string[] } | null;
  /** last sequence number of the public live feed; grows by exactly 1 per feed message */
  @Column('integer', { default: 0 }) seq!: number;
  /** salt of the judges' PIN hashes, one per contest so a login hashes once */
  @Column('varchar', { length: 64 }) pinSalt!: string;
  @Column('varchar', { length: 30 }) createdAt!: string;
}
