import { Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import { ProfileService } from '../profile/profile.service';
import { DEVICE_TYPES, DEVICE_WORDS, type DeviceType } from '../drivers/contract/device-types';
import { EquipmentRegistry } from '../devices/equipment-registry';
import * as info from './nina-info';
import { disconnectedInfo } from './disconnected-info';

/** Builds the *Info object of any device: the single place both `<device>/info` and `equipment/info` use. */
@Injectable()
export class EquipmentInfoService {
  constructor(
    private readonly registry: EquipmentRegistry,
    private readonly profile: ProfileService,
    private readonly clock: Clock,
  ) {}

  info(type: DeviceType): Record<string, unknown> {
    if (!this.registry.connected(type)) return disconnectedInfo(type, (base) => this.deviceInfo(type, base));
    return this.deviceInfo(type, info.withDeviceBase);
  }

  private deviceInfo(type: DeviceType, base: info.DeviceBase): Record<string, unknown> {
    const r = this.registry;
    switch (type) {
      case 'camera':
        return info.cameraInfo(r.get('camera'), base);
      case 'mount':
        return info.mountInfo(r.get('mount'), this.clock.now(), {
          MaxMinutesAfterMeridian: this.profile.setting('MeridianFlipSettings', 'MaxMinutesAfterMeridian', 10),
          UseSideOfPier: this.profile.setting('MeridianFlipSettings', 'UseSideOfPier', true),
        }, base);
      case 'focuser':
        return info.focuserInfo(r.get('focuser'), base);
      case 'rotator':
        return info.rotatorInfo(r.get('rotator'), base);
      case 'filterwheel':
        return info.filterWheelInfo(r.get('filterwheel'), this.profile.filterNames(), base);
      case 'dome':
        return info.domeInfo(r.get('dome'), base);
      case 'switch':
        return info.switchInfo(r.get('switch'), base);
      case 'guider':
        return info.guiderInfo(r.get('guider'), base);
      case 'flatdevice':
        return info.flatDeviceInfo(r.get('flatdevice'), base);
      case 'safetymonitor':
        return info.safetyMonitorInfo(r.get('safetymonitor'), base);
      case 'weather':
        return info.weatherInfo(r.get('weather'), base);
    }
  }

  /** equipment/info (2.2.15): every device in one answer, for clients with little memory (ninaAPI issue #87). */
  all(): Record<string, Record<string, unknown>> {
    return Object.fromEntries(DEVICE_TYPES.map((t) => [DEVICE_WORDS[t].infoKey, this.info(t)]));
  }

  deviceList(type: DeviceType) {
    return [info.deviceListEntry(type, this.registry.get(type))];
  }
}
