import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthCoreModule } from '@app/auth';
import { GpioModule } from '@app/gpio';
import { EquipmentModule } from '@app/equipment';
import { ChoicesController } from './choices/choices.controller';
import { CamerasController } from './export/cameras.controller';
import { ExportController } from './export/export.controller';
import { FunctionEntity } from './entities/function.entity';
import { DeviceMeasurementEntity, InputEntity } from './entities/input.entity';
import { MeasurementEntity } from './entities/measurement.entity';
import { NoteEntity } from './entities/note.entity';
import { OutputChannelEntity, OutputEntity } from './entities/output.entity';
import { PidEntity } from './entities/pid.entity';
import { DaemonEventsGateway } from './events/daemon-events.gateway';
import { FunctionEngine } from './functions/function-engine';
import { SequencerDaemonControl } from './sequencer/sequencer-daemon-control';
import { FunctionsController } from './functions/functions.controller';
import { FunctionsService } from './functions/functions.service';
import { MycodoMediaTypeMiddleware } from './http/mycodo-http';
import { BUILT_IN_INPUT_FACTORIES } from './inputs/input-backends';
import { SENSOR_INPUT_FACTORIES } from './inputs/sensor-input-backends';
import { INPUT_BACKEND_FACTORIES, type InputBackendFactory } from './inputs/input-backend';
import { InputsController } from './inputs/inputs.controller';
import { InputsService } from './inputs/inputs.service';
import { LastMeasurementController } from './measurements/last.controller';
import { MeasurementsController } from './measurements/measurements.controller';
import { MeasurementsRepository } from './measurements/measurements.repository';
import { MeasurementsService } from './measurements/measurements.service';
import { DAEMON_MQTT_PROVIDERS } from './mqtt/daemon-mqtt';
import { HomeAssistantBridge } from './mqtt/home-assistant-bridge';
import { NotesController } from './notes/notes.controller';
import { DaemonPinClaims } from './outputs/gpio-pin-claims';
import { OUTPUT_BACKEND_FACTORIES, type OutputBackendFactory } from './outputs/output-backend';
import { BUILT_IN_OUTPUT_FACTORIES } from './outputs/output-backends';
import { OutputControlService } from './outputs/output-control.service';
import { OutputsController } from './outputs/outputs.controller';
import { OutputsService } from './outputs/outputs.service';
import { RunningPids } from './pids/pid-runner';
import { PidsController } from './pids/pids.controller';
import { PidsService } from './pids/pids.service';
import { ControllersController } from './runtime/controllers.controller';
import { DaemonController, DaemonLogController } from './runtime/daemon.controller';
import { DaemonLog } from './runtime/daemon-log';
import { DaemonRuntime } from './runtime/daemon-runtime.service';
import { DaemonState } from './runtime/daemon-state';
import { SettingsController } from './settings/settings.controller';
import { SettingsService } from './settings/settings.service';

const ENTITIES = [OutputEntity, OutputChannelEntity, InputEntity, DeviceMeasurementEntity, PidEntity, FunctionEntity, NoteEntity, MeasurementEntity];

const INPUT_FACTORIES = [...BUILT_IN_INPUT_FACTORIES, ...SENSOR_INPUT_FACTORIES];

const CONTROLLERS = [
  SettingsController,
  InputsController,
  FunctionsController,
  PidsController,
  OutputsController,
  ControllersController,
  DaemonController,
  MeasurementsController,
  ChoicesController,
  NotesController,
  DaemonLogController,
  LastMeasurementController,
  CamerasController,
  ExportController,
];

/**
 * The Mycodo-compatible daemon (`/api/...`): outputs, inputs, measurements, PIDs, conditional
 * functions and their runtime. Back-ends are plugged in through OUTPUT_BACKEND_FACTORIES and
 * INPUT_BACKEND_FACTORIES; MQTT_URL gives MQTT_CONNECTION / MQTT_PUBLISHER and Home Assistant discovery.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), AuthCoreModule, GpioModule, EquipmentModule],
  controllers: CONTROLLERS,
  providers: [
    ...BUILT_IN_OUTPUT_FACTORIES,
    ...INPUT_FACTORIES,
    ...DAEMON_MQTT_PROVIDERS,
    { provide: OUTPUT_BACKEND_FACTORIES, inject: BUILT_IN_OUTPUT_FACTORIES, useFactory: (...factories: OutputBackendFactory[]) => factories },
    { provide: INPUT_BACKEND_FACTORIES, inject: INPUT_FACTORIES, useFactory: (...factories: InputBackendFactory[]) => factories },
    DaemonPinClaims,
    DaemonState,
    DaemonLog,
    MeasurementsRepository,
    MeasurementsService,
    OutputControlService,
    OutputsService,
    InputsService,
    RunningPids,
    PidsService,
    FunctionsService,
    FunctionEngine,
    SequencerDaemonControl,
    DaemonRuntime,
    SettingsService,
    DaemonEventsGateway,
    HomeAssistantBridge,
  ],
  exports: [DaemonRuntime, OutputControlService, MeasurementsService, SequencerDaemonControl],
})
export class DaemonModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(MycodoMediaTypeMiddleware).forRoutes(...CONTROLLERS);
  }
}
