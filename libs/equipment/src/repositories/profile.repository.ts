import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { EquipmentProfileEntity } from '../entities/equipment-profile.entity';

@Injectable()
export class ProfileRepository {
  constructor(@InjectRepository(EquipmentProfileEntity) private readonly profiles: Repository<EquipmentProfileEntity>) {}

  list(): Promise<EquipmentProfileEntity[]> {
    return this.profiles.find({ order: { name: 'ASC' } });
  }

  active(): Promise<EquipmentProfileEntity | null> {
    return this.profiles.findOne({ where: { isActive: true } });
  }

  find(id: string): Promise<EquipmentProfileEntity | null> {
    return this.profiles.findOne({ where: { id } });
  }

  create(profile: Pick<EquipmentProfileEntity, 'name' | 'description' | 'isActive' | 'lastUsed' | 'settings'>): Promise<EquipmentProfileEntity> {
    return this.profiles.save(this.profiles.create(profile));
  }

  saveSettings(id: string, settings: Record<string, unknown>): Promise<unknown> {
    // jsonb: TypeORM's partial-entity typing does not model free-form objects.
    return this.profiles.update({ id }, { settings: settings as never });
  }

  /** Deactivates the current profile and activates another in one transaction (one active at a time). */
  async activate(id: string, at: Date): Promise<void> {
    await this.profiles.manager.transaction(async (em) => {
      await em.update(EquipmentProfileEntity, { isActive: true }, { isActive: false });
      await em.update(EquipmentProfileEntity, { id }, { isActive: true, lastUsed: at });
    });
  }
}
