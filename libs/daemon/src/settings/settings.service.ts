import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { UserAdminService } from '@app/auth';
import { MEASUREMENT_ROWS, UNIT_ROWS } from '../catalogue/units';
import { toDeviceMeasurement } from '../dtos/mappers';
import type { DeviceMeasurementDto, UserSettingsDto } from '../dtos/settings.dto';
import { DeviceMeasurementEntity } from '../entities/input.entity';
import { notFound } from '../http/mycodo-http';
import { isUuid } from '../runtime/daemon-state';

type UserDto = Awaited<ReturnType<UserAdminService['list']>>[number];

/** Mycodo's role ids: Admin 1, Editor 2, Monitor 3, Guest 4. */
const roleId = (u: UserDto) => (u.isAdmin ? 1 : u.roles.includes('operator') ? 2 : u.roles.includes('viewer') ? 3 : 4);

/** The read-only settings dumps of `/api/settings/...`; a lookup that finds nothing is 404 (Mycodo: 200 with nulls). */
@Injectable()
export class SettingsService {
  constructor(
    @InjectRepository(DeviceMeasurementEntity) private readonly measurements: Repository<DeviceMeasurementEntity>,
    private readonly users: UserAdminService,
  ) {}

  async deviceMeasurements(deviceId?: string): Promise<DeviceMeasurementDto[]> {
    if (deviceId !== undefined && !isUuid(deviceId)) return [];
    return (await this.measurements.find({ where: deviceId ? { device_id: deviceId } : {}, order: { device_id: 'ASC', channel: 'ASC' } })).map(toDeviceMeasurement);
  }

  async deviceMeasurement(id: string): Promise<DeviceMeasurementDto> {
    const found = isUuid(id) ? await this.measurements.findOneBy({ unique_id: id }) : null;
    if (!found) throw notFound('Device measurement', id);
    return toDeviceMeasurement(found);
  }

  units() {
    return UNIT_ROWS;
  }

  unit(id: string) {
    return this.pick(UNIT_ROWS, id, 'Unit');
  }

  measurementKinds() {
    return MEASUREMENT_ROWS;
  }

  measurementKind(id: string) {
    return this.pick(MEASUREMENT_ROWS, id, 'Measurement');
  }

  /** Users without any key or hash (the auth service's view has none). */
  async userList(): Promise<UserSettingsDto[]> {
    const users = await this.users.list();
    return users.map((u, n) => ({
      id: n + 1,
      unique_id: u.id,
      name: u.username,
      email: u.email ?? '',
      role_id: roleId(u),
      language: 'en',
      theme: '',
      landing_page: 'live',
      index_page: 'landing',
    }));
  }

  async user(id: string): Promise<UserSettingsDto> {
    const found = (await this.userList()).find((u) => u.unique_id === id);
    if (!found) throw notFound('User', id);
    return found;
  }

  private pick<T extends { unique_id: string; name_safe: string }>(rows: T[], id: string, what: string): T {
    const found = rows.find((r) => r.unique_id === id || r.name_safe === id);
    if (!found) throw notFound(what, id);
    return found;
  }
}
