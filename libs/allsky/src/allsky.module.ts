import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthCoreModule } from '@app/auth';
import { AppConfig } from '@app/core';
import { GpioModule } from '@app/gpio';
import { AllskyEventsGateway } from './events/events.gateway';
import { FocuserStateEntity } from './focuser/focuser-state.entity';
import { FocuserStateRepository } from './focuser/focuser-state.repository';
import { FocuserController } from './focuser/focuser.controller';
import { FocuserService } from './focuser/focuser.service';
import { GpioController } from './gpio/gpio.controller';
import { GpioService } from './gpio/gpio.service';
import { SystemController } from './dashboard/system.controller';
import { SystemInfoService } from './dashboard/system-info.service';
import { SYSTEM_PROBE, SysteminformationProbe } from './dashboard/system-probe';
import { AllskyControlService } from './capture-service/allsky-control.service';
import { AllskyController } from './capture-service/allsky.controller';
import { createServiceManager } from './capture-service/select-service-manager';
import { SERVICE_MANAGER } from './capture-service/service-manager';

/** The Allsky Server's routes: /gpio, capture service control, dashboard data, focuser, event stream. */
@Module({
  imports: [AuthCoreModule, GpioModule, TypeOrmModule.forFeature([FocuserStateEntity])],
  controllers: [GpioController, AllskyController, SystemController, FocuserController],
  providers: [
    {
      provide: SERVICE_MANAGER,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const manager = createServiceManager(config.hardware.serviceManager);
        new Logger('Allsky').log(`ALLSKY_SERVICE_MANAGER=${config.hardware.serviceManager}: ${manager.name}, unit ${config.hardware.serviceUnit}`);
        return manager;
      },
    },
    { provide: SYSTEM_PROBE, useClass: SysteminformationProbe },
    // Before the focuser: persisted /gpio pins are claimed again before the focuser claims its own.
    GpioService,
    AllskyControlService,
    SystemInfoService,
    FocuserStateRepository,
    FocuserService,
    AllskyEventsGateway,
  ],
  exports: [SERVICE_MANAGER, GpioService, AllskyControlService, SystemInfoService, FocuserService],
})
export class AllskyModule {}
