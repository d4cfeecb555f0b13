import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { SyncCameraEntity } from '../entities/sync-camera.entity';

export interface CameraRegistration {
  uuid: string;
  baseName: string;
  utcOffset: number;
  attributes: Record<string, unknown>;
  data: Record<string, unknown>;
  connectDate: Date;
}

@Injectable()
export class SyncCameraRepository {
  constructor(
    @InjectRepository(SyncCameraEntity) private readonly cameras: Repository<SyncCameraEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  findByUuid(uuid: string): Promise<SyncCameraEntity | null> {
    return this.cameras.findOneBy({ uuid });
  }

  findById(id: number): Promise<SyncCameraEntity | null> {
    return this.cameras.findOneBy({ id });
  }

  list(): Promise<SyncCameraEntity[]> {
    return this.cameras.find({ order: { id: 'ASC' } });
  }

  /** Creates or updates by uuid; the name gets the row id appended, as indi-allsky does. `data` merges key by key. */
  upsert(reg: CameraRegistration): Promise<SyncCameraEntity> {
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sync-camera:${reg.uuid}`]);
      const repo = em.getRepository(SyncCameraEntity);
      const existing = await repo.findOneBy({ uuid: reg.uuid });
      const camera = existing ?? repo.create({ uuid: reg.uuid, name: reg.baseName, attributes: {}, data: {} });
      camera.utcOffset = Math.trunc(reg.utcOffset);
      camera.connectDate = reg.connectDate;
      camera.attributes = { ...camera.attributes, ...reg.attributes };
      camera.data = { ...camera.data, ...reg.data };
      const saved = await repo.save(camera);
      saved.name = `${reg.baseName} ${saved.id}`;
      return repo.save(saved);
    });
  }

  async setUtcOffset(id: number, utcOffset: number): Promise<void> {
    await this.cameras.update({ id }, { utcOffset: Math.trunc(utcOffset) });
  }
}
