import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { toInputSettings, toOutputDevice, toPidSettings } from '../dtos/mappers';
import {
  DeviceMeasurementDto,
  DeviceMeasurementListDto,
  InputSettingsDto,
  InputSettingsListDto,
  MeasurementSettingsDto,
  MeasurementSettingsListDto,
  OutputDeviceDto,
  OutputSettingsListDto,
  PidSettingsDto,
  PidSettingsListDto,
  TriggerSettingsDto,
  TriggerSettingsListDto,
  UnitSettingsDto,
  UnitSettingsListDto,
  UserSettingsDto,
  UserSettingsListDto,
} from '../dtos/settings.dto';
import { ApiMycodoNotFound, MycodoController, notFound } from '../http/mycodo-http';
import { InputsService } from '../inputs/inputs.service';
import { OutputsService } from '../outputs/outputs.service';
import { PidsService } from '../pids/pids.service';
import { SettingsService } from './settings.service';

/** Mycodo's `/api/settings/...` (read-only). */
@MycodoController('settings', 'daemon: settings')
export class SettingsController {
  constructor(
    private readonly settings: SettingsService,
    private readonly inputs: InputsService,
    private readonly outputs: OutputsService,
    private readonly pids: PidsService,
  ) {}

  @Get('device_measurements')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Every device measurement (the channels of inputs, outputs and PIDs)' })
  @ApiOkResponse({ type: DeviceMeasurementListDto })
  async getDeviceMeasurementSettings(): Promise<DeviceMeasurementListDto> {
    return { 'device measurement settings': await this.settings.deviceMeasurements() };
  }

  @Get('device_measurements/by_device_id/:device_id')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'The device measurements of one device' })
  @ApiOkResponse({ type: DeviceMeasurementListDto })
  async getDeviceMeasurementSettingsByDevice(@Param('device_id') id: string): Promise<DeviceMeasurementListDto> {
    return { 'device measurement settings': await this.settings.deviceMeasurements(id) };
  }

  @Get('device_measurements/:unique_id')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'One device measurement' })
  @ApiOkResponse({ type: DeviceMeasurementDto })
  @ApiMycodoNotFound('device measurement')
  getDeviceMeasurementSetting(@Param('unique_id') id: string): Promise<DeviceMeasurementDto> {
    return this.settings.deviceMeasurement(id);
  }

  @Get('inputs')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Every input\'s settings' })
  @ApiOkResponse({ type: InputSettingsListDto })
  async getInputSettings(): Promise<InputSettingsListDto> {
    return { 'input settings': (await this.inputs.list())['input settings'] };
  }

  @Get('inputs/:unique_id')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'One input\'s settings' })
  @ApiOkResponse({ type: InputSettingsDto })
  @ApiMycodoNotFound('input')
  async getInputSetting(@Param('unique_id') id: string): Promise<InputSettingsDto> {
    return toInputSettings(await this.inputs.get(id));
  }

  @Get('measurements')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'The measurement kinds and their units' })
  @ApiOkResponse({ type: MeasurementSettingsListDto })
  getMeasurementSettings(): MeasurementSettingsListDto {
    return { 'measurement settings': this.settings.measurementKinds() };
  }

  @Get('measurements/:unique_id')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'One measurement kind (by unique_id or name, e.g. temperature)' })
  @ApiOkResponse({ type: MeasurementSettingsDto })
  @ApiMycodoNotFound('measurement')
  getMeasurementSetting(@Param('unique_id') id: string): MeasurementSettingsDto {
    return this.settings.measurementKind(id);
  }

  @Get('outputs')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Every output\'s settings' })
  @ApiOkResponse({ type: OutputSettingsListDto })
  async getOutputSettings(): Promise<OutputSettingsListDto> {
    return { 'output settings': (await this.outputs.list())['output devices'] };
  }

  @Get('outputs/:unique_id')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'One output\'s settings' })
  @ApiOkResponse({ type: OutputDeviceDto })
  @ApiMycodoNotFound('output')
  async getOutputSetting(@Param('unique_id') id: string): Promise<OutputDeviceDto> {
    return toOutputDevice(await this.outputs.get(id));
  }

  @Get('pids')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Every PID\'s settings' })
  @ApiOkResponse({ type: PidSettingsListDto })
  getPidSettings(): Promise<PidSettingsListDto> {
    return this.pids.list();
  }

  @Get('pids/:unique_id')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'One PID\'s settings' })
  @ApiOkResponse({ type: PidSettingsDto })
  @ApiMycodoNotFound('PID')
  async getPidSetting(@Param('unique_id') id: string): Promise<PidSettingsDto> {
    return toPidSettings(await this.pids.get(id));
  }

  @Get('triggers')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Triggers: always empty', description: 'Skygate models Mycodo triggers and conditionals as functions (GET /api/functions/).' })
  @ApiOkResponse({ type: TriggerSettingsListDto })
  getTriggerSettings(): TriggerSettingsListDto {
    return { 'trigger settings': [] };
  }

  @Get('triggers/:unique_id')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'One trigger: always 404 (see GET /api/functions/)' })
  @ApiOkResponse({ type: TriggerSettingsDto })
  @ApiMycodoNotFound('trigger')
  getTriggerSetting(@Param('unique_id') id: string): TriggerSettingsDto {
    throw notFound('Trigger', id);
  }

  @Get('units')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'The units; name_safe is the unit id the measurement routes take' })
  @ApiOkResponse({ type: UnitSettingsListDto })
  getUnitSettings(): UnitSettingsListDto {
    return { 'unit settings': this.settings.units() };
  }

  @Get('units/:unique_id')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'One unit (by unique_id or unit id, e.g. C)' })
  @ApiOkResponse({ type: UnitSettingsDto })
  @ApiMycodoNotFound('unit')
  getUnitSetting(@Param('unique_id') id: string): UnitSettingsDto {
    return this.settings.unit(id);
  }

  @Get('users')
  @RequirePermission('users', 'read')
  @ApiOperation({ summary: 'The users (never a key or a password hash)', description: 'Needs users:read (Mycodo: view_settings), because it lists names and e-mail addresses.' })
  @ApiOkResponse({ type: UserSettingsListDto })
  async getUserSettings(): Promise<UserSettingsListDto> {
    return { 'user settings': await this.settings.userList() };
  }

  @Get('users/:unique_id')
  @RequirePermission('users', 'read')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserSettingsDto })
  @ApiMycodoNotFound('user')
  getUserSetting(@Param('unique_id') id: string): Promise<UserSettingsDto> {
    return this.settings.user(id);
  }
}
