import { Get } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Repository } from 'typeorm';
import { RequirePermission } from '@app/auth';
import {
  BackendChoicesDto,
  ChoiceDto,
  ControllerChoicesDto,
  InputMeasurementChoicesDto,
  OutputDeviceChoicesDto,
  OutputMeasurementChoicesDto,
  PidMeasurementChoicesDto,
} from '../dtos/choices.dto';
import { FunctionEntity } from '../entities/function.entity';
import { DeviceMeasurementEntity, InputEntity } from '../entities/input.entity';
import { OutputEntity } from '../entities/output.entity';
import { PidEntity } from '../entities/pid.entity';
import { MycodoController } from '../http/mycodo-http';
import { InputsService } from '../inputs/inputs.service';
import { OutputControlService } from '../outputs/output-control.service';

/** Mycodo's form option lists: `{"item": label, "value": id}`. */
@MycodoController('choices', 'daemon: choices')
export class ChoicesController {
  constructor(
    @InjectRepository(InputEntity) private readonly inputs: Repository<InputEntity>,
    @InjectRepository(OutputEntity) private readonly outputs: Repository<OutputEntity>,
    @InjectRepository(PidEntity) private readonly pids: Repository<PidEntity>,
    @InjectRepository(FunctionEntity) private readonly functions: Repository<FunctionEntity>,
    @InjectRepository(DeviceMeasurementEntity) private readonly measurements: Repository<DeviceMeasurementEntity>,
    private readonly inputDevices: InputsService,
    private readonly outputControl: OutputControlService,
  ) {}

  @Get('controllers')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Every controller (input, PID, function)' })
  @ApiOkResponse({ type: ControllerChoicesDto })
  async getControllerChoices(): Promise<ControllerChoicesDto> {
    const rows = [
      ...(await this.inputs.find({ order: { id: 'ASC' } })).map((x) => ({ item: `Input: ${x.name}`, value: x.unique_id })),
      ...(await this.pids.find({ order: { id: 'ASC' } })).map((x) => ({ item: `PID: ${x.name}`, value: x.unique_id })),
      ...(await this.functions.find({ order: { id: 'ASC' } })).map((x) => ({ item: `Function: ${x.name}`, value: x.unique_id })),
    ];
    return { 'choices controllers': rows };
  }

  @Get('inputs/measurements')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Every input measurement, as "<input id>,<device measurement id>" (what a PID\'s measurement takes)' })
  @ApiOkResponse({ type: InputMeasurementChoicesDto })
  async getInputMeasurementChoices(): Promise<InputMeasurementChoicesDto> {
    return { 'choices inputs measurements': await this.measurementChoices('input', this.inputs) };
  }

  @Get('outputs/devices')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Every output' })
  @ApiOkResponse({ type: OutputDeviceChoicesDto })
  async getOutputDeviceChoices(): Promise<OutputDeviceChoicesDto> {
    return { 'choices outputs devices': (await this.outputs.find({ order: { id: 'ASC' } })).map((o) => ({ item: `${o.name} (${o.output_type})`, value: o.unique_id })) };
  }

  @Get('outputs/measurements')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Every output measurement' })
  @ApiOkResponse({ type: OutputMeasurementChoicesDto })
  async getOutputMeasurementChoices(): Promise<OutputMeasurementChoicesDto> {
    return { 'choices outputs measurements': await this.measurementChoices('output', this.outputs) };
  }

  @Get('pids/measurements')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Every PID measurement' })
  @ApiOkResponse({ type: PidMeasurementChoicesDto })
  async getPidMeasurementChoices(): Promise<PidMeasurementChoicesDto> {
    return { 'choices pids measurements': await this.measurementChoices('pid', this.pids) };
  }

  @Get('outputs/types')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Skygate extension: the output back-ends (output_type values)' })
  @ApiOkResponse({ type: BackendChoicesDto })
  getOutputTypeChoices(): BackendChoicesDto {
    return { 'choices back-ends': this.outputControl.outputTypes().map((f) => ({ item: f.description, value: f.outputType })) };
  }

  @Get('inputs/devices')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Skygate extension: the input back-ends (device values)' })
  @ApiOkResponse({ type: BackendChoicesDto })
  getInputDeviceChoices(): BackendChoicesDto {
    return { 'choices back-ends': this.inputDevices.devices().map((f) => ({ item: f.description, value: f.device })) };
  }

  private async measurementChoices(deviceType: string, devices: Repository<{ unique_id: string; name: string }>): Promise<ChoiceDto[]> {
    const names = new Map((await devices.find()).map((d) => [d.unique_id, d.name]));
    const rows = await this.measurements.find({ where: { device_type: deviceType }, order: { device_id: 'ASC', channel: 'ASC' } });
    return rows.map((m) => ({ item: `${names.get(m.device_id) ?? m.device_id} CH${m.channel} (${m.measurement}, ${m.unit})`, value: `${m.device_id},${m.unique_id}` }));
  }
}
