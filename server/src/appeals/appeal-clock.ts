import { Injectable } from '@nestjs/common';

/** The time appeal windows are measured by: one place to read it, so tests can move it forward. */
@Injectable()
export class AppealClock {
  now(): number {
    return Date.now();
  }
}
