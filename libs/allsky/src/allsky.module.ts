import { Logger, Module } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { GpioModule } from '@app/gpio';
import { SystemController } from './dashboard/system.controller';
import { SystemInfoService } from './dashboard/system-info.service';
import { SYSTEM_PROBE, SysteminformationProbe } from './dashboard/system-probe';
import { AllskyControlService } from './service/allsky-control.service';
import { AllskyController } from './service/allsky.controller';
import { createServiceManager } from './service/select-service-manager';
import { SERVICE_MANAGER } from './service/service-manager';

/** Allsky Server features beyond GPIO: capture service control, dashboard data, focuser, event stream. */
@Module({
  imports: [GpioModule],
  controllers: [AllskyController, SystemController],
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
    AllskyControlService,
    SystemInfoService,
  ],
  exports: [SERVICE_MANAGER, AllskyControlService, SystemInfoService],
})
export class AllskyModule {}
