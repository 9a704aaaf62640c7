import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type TokenKind = 'organizer' | 'judge';

/** A login. Only the SHA-256 of the bearer token is stored. */
@Entity('tokens')
export class AuthToken {
  @PrimaryGeneratedColumn() id!: number;
  @Column('varchar', { length: 64, unique: true }) tokenHash!: string;
  @Column('varchar', { length: 12 }) kind!: TokenKind;
  @Column('integer', { nullable: true }) contestId!: number | null;
  @Column('integer', { nullable: true }) judgeId!: number | null;
  @Column('varchar', { length: 30 }) expiresAt!: string;
  @Column('varchar', { length: 30 }) createdAt!: string;
}
