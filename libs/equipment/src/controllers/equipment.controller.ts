import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery } from '@nestjs/swagger';
import { DEVICE_TYPES, isDeviceType, type DeviceType } from '../drivers/contract/device-types';
import { EquipmentInfoService } from '../info/equipment-info.service';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { NinaError, ninaOk } from '../nina/envelope';
import { NinaAct, NinaController, NinaRead } from '../nina/nina-api.decorators';
import { optionalString } from '../nina/query';

function deviceType(raw: string): DeviceType {
  if (!isDeviceType(raw)) throw new NinaError('Invalid equipment', 400);
  return raw;
}

const DEVICE_PARAM = { name: 'device', enum: DEVICE_TYPES };

/** The routes every device has (ninaAPI Equipment/Connection.cs) and equipment/info. */
@NinaController('equipment', 'N.I.N.A. equipment')
export class EquipmentController {
  constructor(
    private readonly registry: EquipmentRegistry,
    private readonly devices: EquipmentInfoService,
  ) {}

  @Get('info')
  @NinaRead()
  @ApiOperation({ summary: 'Every device in one answer (equipment/info, 2.2.15)' })
  getEquipmentInfo() {
    return ninaOk(this.devices.all());
  }

  @Get(':device/list-devices')
  @NinaRead()
  @ApiParam(DEVICE_PARAM)
  @ApiOperation({ summary: 'Devices of this type that can be connected' })
  listEquipmentDevices(@Param('device') device: string) {
    return ninaOk(this.devices.deviceList(deviceType(device)));
  }

  @Get(':device/rescan')
  @NinaAct()
  @ApiParam(DEVICE_PARAM)
  @ApiOperation({ summary: 'Rescans for devices and returns the list' })
  rescanEquipmentDevices(@Param('device') device: string) {
    return ninaOk(this.devices.deviceList(deviceType(device)));
  }

  @Get(':device/connect')
  @NinaAct()
  @ApiParam(DEVICE_PARAM)
  @ApiQuery({ name: 'to', required: false, description: 'Device Id from list-devices; an unknown Id answers 400 "Invalid Id" (ninaAPI: 500)' })
  @ApiOperation({ summary: 'Connects the selected device (events <DEVICE>-CONNECTED)' })
  async connectEquipmentDevice(@Param('device') device: string, @Query('to') to: unknown) {
    await this.registry.connect(deviceType(device), optionalString('to', to));
    return ninaOk('Connected');
  }

  @Get(':device/disconnect')
  @NinaAct()
  @ApiParam(DEVICE_PARAM)
  @ApiOperation({ summary: 'Disconnects the device (event <DEVICE>-DISCONNECTED)' })
  async disconnectEquipmentDevice(@Param('device') device: string) {
    await this.registry.disconnect(deviceType(device));
    return ninaOk('Disconnected');
  }

  @Get(':device/info')
  @NinaRead()
  @ApiParam(DEVICE_PARAM)
  @ApiOperation({ summary: 'Information about the device (CameraInfo, MountInfo, ... of the 2.2.15 spec)' })
  getEquipmentDeviceInfo(@Param('device') device: string) {
    return ninaOk(this.devices.info(deviceType(device)));
  }
}
