import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '@app/core';
import { EquipmentRegistry } from '../devices/equipment-registry';
import type { EquipmentProfileEntity } from '../entities/equipment-profile.entity';
import { badParameter } from '../nina/envelope';
import { ProfileRepository } from '../repositories/profile.repository';
import { DEVICE_TYPES } from '../drivers/contract/device-types';
import { DEVICE_SECTIONS, showProfileSettings, type ChosenDevice } from './nina/nina-profile';
import { changeSetting, defaultProfileSettings, driverSelection, withDefaultSettings } from './profile-settings';

/** Profiles persisted in the database; the active one selects the drivers and holds the settings. */
@Injectable()
export class ProfileService implements OnModuleInit {
  private current: EquipmentProfileEntity;

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly registry: EquipmentRegistry,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    const active = (await this.profiles.active()) ?? (await this.createDefault());
    await this.apply(active);
  }

  get active(): EquipmentProfileEntity {
    return this.current;
  }

  /** A setting of the active profile, e.g. setting('TelescopeSettings', 'FocalLength'). */
  setting<T>(group: string, key: string, fallback: T): T {
    const value = (this.current.settings[group] as Record<string, unknown> | undefined)?.[key];
    return (value ?? fallback) as T;
  }

  filterNames(): string[] {
    return this.setting<string[]>('FilterWheelSettings', 'FilterWheelFilters', []);
  }

  async setFilterNames(names: string[]): Promise<void> {
    const settings = structuredClone(this.current.settings);
    (settings.FilterWheelSettings as Record<string, unknown>).FilterWheelFilters = names;
    await this.profiles.saveSettings(this.current.id, settings);
    this.current.settings = settings;
  }

  list(): Promise<EquipmentProfileEntity[]> {
    return this.profiles.list();
  }

  async switchTo(id: string): Promise<void> {
    const target = /^[0-9a-f-]{36}$/i.test(id) ? await this.profiles.find(id) : null;
    if (!target) throw badParameter('No profile with specified id found!');
    await this.profiles.activate(id, this.clock.now());
    await this.apply({ ...target, isActive: true });
  }

  /** The active profile's settings as profile/show lists them, each section's chosen device filled in. */
  showSettings(): Record<string, unknown> {
    return showProfileSettings(this.current.settings, (section) => this.chosenDevice(section));
  }

  async changeValue(path: string, newValue: string): Promise<void> {
    const settings = changeSetting(this.current.settings, path, newValue, (section) => this.chosenDevice(section));
    // Applied first: a driver choice that cannot be honoured is refused before it is stored.
    await this.apply({ ...this.current, settings });
    await this.profiles.saveSettings(this.current.id, settings);
  }

  /** The device of a device section (CameraSettings...): the selected driver's device, as list-devices shows it. */
  private chosenDevice(section: string): ChosenDevice | undefined {
    const type = DEVICE_TYPES.find((t) => DEVICE_SECTIONS[t] === section);
    if (!type) return undefined;
    const { id, name } = this.registry.get(type).identity;
    return { id, name };
  }

  private createDefault(): Promise<EquipmentProfileEntity> {
    return this.profiles.create({ name: 'Default', description: 'Created by Skygate', isActive: true, lastUsed: this.clock.now(), settings: defaultProfileSettings(this.registry.driverProfileDefaults()) });
  }

  private async apply(profile: EquipmentProfileEntity): Promise<void> {
    profile.settings = withDefaultSettings(profile.settings, this.registry.driverProfileDefaults());
    this.current = profile;
    await this.registry.select(driverSelection(profile.settings), profile.settings);
  }
}
