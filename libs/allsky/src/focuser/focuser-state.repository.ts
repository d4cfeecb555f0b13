import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { FocuserStateEntity } from './focuser-state.entity';
import type { FocuserSettings } from './focuser-settings';

const ID = 'default';

@Injectable()
export class FocuserStateRepository {
  constructor(@InjectRepository(FocuserStateEntity) private readonly rows: Repository<FocuserStateEntity>) {}

  get(): Promise<FocuserStateEntity | null> {
    return this.rows.findOneBy({ id: ID });
  }

  async save(state: { settings: FocuserSettings; position: number }): Promise<void> {
    await this.rows.upsert({ id: ID, settings: state.settings, position: state.position }, ['id']);
  }
}
