import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EntryStatus } from '../../contracts/standings';

@Entity('entries')
@Index(['eventId', 'station'], { unique: true })
@Index(['eventId', 'contestantId'], { unique: true })
export class Entry {
  @PrimaryGeneratedColumn() id!: number;
  @Column('integer') eventId!: number;
  @Column('integer') contestantId!: number;
  @Column('varchar', { length: 20 }) station!: string;
  @Column('varchar', { length: 20, default: 'competing' }) status!: EntryStatus;
  @Column('text', { nullable: true }) statusReason!: string | null;
}
