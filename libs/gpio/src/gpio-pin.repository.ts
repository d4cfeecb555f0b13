import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { GpioPinEntity } from './entities/gpio-pin.entity';

/** Persisted pin claims: the only place that touches the gpio_pins table. */
@Injectable()
export class GpioPinRepository {
  constructor(@InjectRepository(GpioPinEntity) private readonly pins: Repository<GpioPinEntity>) {}

  list(): Promise<GpioPinEntity[]> {
    return this.pins.find({ order: { pin: 'ASC' } });
  }

  async save(claim: Omit<GpioPinEntity, 'updatedAt'>): Promise<void> {
    await this.pins.upsert(claim, ['pin']);
  }
}
