import { randomBytes, createSecretKey, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/core';

/**
 * The two keys auth needs, from config or, when not configured, generated on first start and
 * kept in DATA_DIR/secrets (folder 0700, files 0600). There is never a built-in default.
 */
@Injectable()
export class AuthSecrets {
  private readonly logger = new Logger(AuthSecrets.name);
  /** HS256 key as a KeyObject: jsonwebtoken verifies ~60x faster than with a string secret. */
  readonly jwtKey: KeyObject;
  /** AES-256-GCM key for secrets that must stay readable (signing API keys). */
  readonly encryptionKey: Buffer;

  constructor(config: AppConfig) {
    const dir = join(config.dataDir, 'secrets');
    const jwtSecret = config.auth.jwtSecret ? Buffer.from(config.auth.jwtSecret, 'utf8') : this.fileSecret(dir, 'jwt.key', 64);
    this.jwtKey = createSecretKey(jwtSecret);
    this.encryptionKey = config.auth.secretsKey ?? this.fileSecret(dir, 'encryption.key', 32);
  }

  private fileSecret(dir: string, name: string, bytes: number): Buffer {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, name);
    try {
      const existing = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
      if (existing.length !== bytes) throw new Error(`${path} does not hold ${bytes} bytes of base64; delete it to generate a new one`);
      if ((statSync(path).mode & 0o077) !== 0) {
        chmodSync(path, 0o600);
        this.logger.warn(`${path} was readable by others; permissions reset to 0600`);
      }
      return existing;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const secret = randomBytes(bytes);
    writeFileSync(path, `${secret.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    this.logger.log(`generated ${path}`);
    return secret;
  }
}
