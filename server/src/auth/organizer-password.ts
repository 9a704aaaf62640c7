import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppConfig } from '../config/config';
import { Setting } from '../database/entities';
import { hashPassword, newPassword, passwordMatches } from './secrets';

const KEY = 'organizer.passwordHash';

/** The organizer password: ORGANIZER_PASSWORD, or one generated on first start and shown once. */
@Injectable()
export class OrganizerPassword {
  private hash: string | null = null;
  /** set only on the start that generated it, so it can be printed once */
  generated: string | null = null;

  constructor(
    private readonly config: AppConfig,
    @InjectRepository(Setting) private readonly settings: Repository<Setting>,
  ) {}

  async init(): Promise<void> {
    if (this.config.organizerPassword) {
      this.hash = hashPassword(this.config.organizerPassword);
      return;
    }
    const stored = await this.settings.findOneBy({ key: KEY });
    if (stored) {
      this.hash = stored.value;
      return;
    }
    this.generated = newPassword();
    this.hash = hashPassword(this.generated);
    await this.settings.save({ key: KEY, value: this.hash });
    new Logger('auth').log('organizer password generated on first start');
  }

  async matches(password: string): Promise<boolean> {
    if (!this.hash) await this.init();
    return passwordMatches(password, this.hash!);
  }
}
