import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/core';
import { SecretBox } from '../crypto/secret-box';
import { ApiKeyRepository } from '../repositories/api-key.repository';
import { UserRepository } from '../repositories/user.repository';
import { effectivePermissions } from '../services/auth-directory';
import { ApiKeyService } from '../services/api-key.service';
import type { Principal } from '../services/principal';

/** The indi-allsky SyncAPI time bucket: 300 s. */
export const SYNC_TIME_SKEW_SECONDS = 300;
/** Buckets accepted around the server's own (indi-allsky: long uploads may span several). */
export const SYNC_ACCEPTED_OFFSETS = [0, 1, -1, -2, -3, -4];

export function syncSignature(apiKey: string, timeBucket: number, signedBytes: Buffer): string {
  return createHmac('sha3-512', Buffer.from(apiKey, 'utf8'))
    .update(Buffer.concat([Buffer.from(String(timeBucket), 'utf8'), signedBytes]))
    .digest('hex');
}

/**
 * Verifies `Authorization: Bearer <username>:<hex>` where hex is HMAC-SHA3-512, keyed by the
 * user's API key, over floor(unix_time/300) as decimal text followed by the exact bytes of the
 * request's metadata part. The guard cannot read multipart parts, so the SyncApi module calls
 * this with them. Unlike indi-allsky, an inactive user is refused.
 */
@Injectable()
export class SyncSignatureVerifier {
  private readonly logger = new Logger(SyncSignatureVerifier.name);

  constructor(
    private readonly users: UserRepository,
    private readonly keys: ApiKeyRepository,
    private readonly apiKeys: ApiKeyService,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  async verify(authorization: string | undefined, signedBytes: Buffer): Promise<Principal | undefined> {
    const tokens = authorization?.split(' ');
    if (tokens?.length !== 2) return undefined;
    const parts = tokens[1].split(':');
    if (parts.length !== 2 || !/^[0-9a-f]{128}$/i.test(parts[1])) return undefined;
    const [username, presentedHex] = parts;
    const user = await this.users.findByUsername(username);
    if (!user?.isActive) return undefined;
    const presented = Buffer.from(presentedHex.toLowerCase(), 'hex');
    const bucket = Math.floor(this.clock.nowMs() / 1000 / SYNC_TIME_SKEW_SECONDS);
    for (const key of await this.keys.signingKeys(user.id)) {
      let plain: string;
      try {
        plain = this.box.open(key.encryptedKey!);
      } catch {
        this.logger.error(`API key ${key.id} cannot be decrypted: was SECRETS_KEY or DATA_DIR/secrets/encryption.key changed?`);
        continue;
      }
      for (const offset of SYNC_ACCEPTED_OFFSETS) {
        if (timingSafeEqual(Buffer.from(syncSignature(plain, bucket + offset, signedBytes), 'hex'), presented)) {
          this.apiKeys.recordUse(key.id);
          return {
            via: 'signature',
            user: { id: user.id, username: user.username, isAdmin: user.isAdmin },
            permissions: effectivePermissions(user),
            apiKey: { id: key.id, scope: key.scope },
          };
        }
      }
    }
    return undefined;
  }
}
