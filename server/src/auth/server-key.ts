import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/config';

/**
 * The key that seals judges' PINs. Kept in a file beside the database (SECRET_KEY overrides it,
 * which several server processes need so they share one key).
 */
@Injectable()
export class ServerKey {
  readonly key: Buffer;

  constructor(config: AppConfig) {
    const fromEnv = process.env.SECRET_KEY;
    if (fromEnv) {
      this.key = Buffer.from(fromEnv.padEnd(64, '0').slice(0, 64), 'hex');
      return;
    }
    const file = join(config.dataDir, 'secret.key');
    if (existsSync(file)) {
      this.key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    } else {
      mkdirSync(config.dataDir, { recursive: true });
      this.key = randomBytes(32);
      writeFileSync(file, this.key.toString('hex') + '\n', { mode: 0o600 });
      chmodSync(file, 0o600);
    }
  }
}
