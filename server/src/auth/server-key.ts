import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ConfigError } from '../config/config';

/**
 * The key that seals judges' PINs. Kept in a file beside the database; SECRET_KEY (checked and,
 * for a passphrase, derived in AppConfig) overrides it, which several server processes need so
 * they share one key.
 */
@Injectable()
export class ServerKey {
  readonly key: Buffer;

  constructor(config: AppConfig) {
    if (config.secretKey) {
      this.key = config.secretKey;
      return;
    }
    const file = join(config.dataDir, 'secret.key');
    if (existsSync(file)) {
      const hex = readFileSync(file, 'utf8').trim();
      // a damaged file would otherwise fail every contest creation with a 500
      if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new ConfigError(`${file} must hold 64 hex characters (the server's 32-byte key); restore it, or set SECRET_KEY`);
      this.key = Buffer.from(hex, 'hex');
    } else {
      mkdirSync(config.dataDir, { recursive: true });
      this.key = randomBytes(32);
      writeFileSync(file, this.key.toString('hex') + '\n', { mode: 0o600 });
      chmodSync(file, 0o600);
    }
  }
}
