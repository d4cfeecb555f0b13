import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';

@Injectable()
export class ApiKeyRepository {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  create(key: Pick<ApiKeyEntity, 'userId' | 'name' | 'scope' | 'keyHash' | 'keyPrefix' | 'encryptedKey'>): Promise<ApiKeyEntity> {
    return this.keys.save(this.keys.create(key));
  }

  findByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ keyHash });
  }

  findForUser(userId: string, id: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ userId, id });
  }

  listForUser(userId: string): Promise<ApiKeyEntity[]> {
    return this.keys.find({ where: { userId }, order: { createdAt: 'ASC' } });
  }

  /** Active keys of a user that can sign (the indi-allsky HMAC needs the key itself). */
  signingKeys(userId: string): Promise<ApiKeyEntity[]> {
    return this.keys.findBy({ userId, revokedAt: IsNull(), encryptedKey: Not(IsNull()) });
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: at });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.keys.update({ id }, { lastUsedAt: at });
  }
}
