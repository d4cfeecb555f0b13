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
    if (!this.registry.connected(type)) return disconnectedInfo(type, () => this.connectedInfo(type));
    return this.connectedInfo(type);
  }

  private connectedInfo(type: DeviceType): Record<string, unknown> {
    const r = this.registry;
    switch (type) {
      case 'camera':
        return info.cameraInfo(r.get('camera'));
      case 'mount':
        return info.mountInfo(r.get('mount'), this.clock.now(), {
          MaxMinutesAfterMeridian: this.profile.setting('MeridianFlipSettings', 'MaxMinutesAfterMeridian', 10),
          UseSideOfPier: this.profile.setting('MeridianFlipSettings', 'UseSideOfPier', true),
        });
      case 'focuser':
        return info.focuserInfo(r.get('focuser'));
      case 'rotator':
        return info.rotatorInfo(r.get('rotator'));
      case 'filterwheel':
        return info.filterWheelInfo(r.get('filterwheel'), this.profile.filterNames());
      case 'dome':
        return info.domeInfo(r.get('dome'));
      case 'switch':
        return info.switchInfo(r.get('switch'));
      case 'guider':
        return info.guiderInfo(r.get('guider'));
      case 'flatdevice':
        return info.flatDeviceInfo(r.get('flatdevice'));
      case 'safetymonitor':
        return info.safetyMonitorInfo(r.get('safetymonitor'));
      case 'weather':
        return info.weatherInfo(r.get('weather'));
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
