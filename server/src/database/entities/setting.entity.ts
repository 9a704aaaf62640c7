import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Server-wide values kept across restarts (the organizer password hash). */
@Entity('settings')
export class Setting {
  @PrimaryColumn('varchar', { length: 64 }) key!: string;
  @Column('text') value!: string;
}
