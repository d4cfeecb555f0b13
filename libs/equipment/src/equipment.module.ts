import { HttpException, Module, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthCoreModule } from '@app/auth';
import { PlateSolverModule } from '@app/plate-solver';
import { AppConfig, Clock, registerFailureRenderer } from '@app/core';
import { ninaFailure } from './nina/envelope';
import { AutofocusService } from './autofocus/autofocus.service';
import { FlatWizardService } from './flats/flat-wizard.service';
import { LivestackService } from './livestack/livestack.service';
import { ApplicationLogs } from './application/application-logs';
import { PlateSolving } from './plate-solving/plate-solving';
import { ApplicationService } from './application/application.service';
import { FramingService } from './application/framing.service';
import { NINA_CONTROLLERS } from './controllers';
import { EquipmentInfoService } from './info/equipment-info.service';
import { DeviceLeases } from './devices/device-leases';
import { EquipmentRegistry } from './devices/equipment-registry';
import { DRIVER_FACTORIES } from './drivers/contract/device-driver';
import { IndiDriverFactory } from './drivers/indi/indi-driver.factory';
import { SimulatorDriverFactory } from './drivers/simulator/simulator-driver.factory';
import { NetworkedDriverFactory } from './drivers/networked/networked-driver.factory';
import { OperatorDesks } from './drivers/networked/operator-requests';
import { EquipmentImageEntity } from './entities/equipment-image.entity';
import { EquipmentProfileEntity } from './entities/equipment-profile.entity';
import { EventHistoryService } from './history/event-history.service';
import { MountSocketGateway } from './sockets/mount-socket.gateway';
import { TppaSocketGateway } from './sockets/tppa-socket.gateway';
import { NinaSocketGateway } from './sockets/nina-socket.gateway';
import { FilterWheelSocketGateway } from './sockets/filterwheel-socket.gateway';
import { RotatorSocketGateway } from './sockets/rotator-socket.gateway';
import { CaptureService } from './image/capture.service';
import { ImageAnalyzer } from './drivers/image/image-analyzer';
import { ImageArchive } from './image/image-archive.service';
import { ImageViewService } from './image/image-view.service';
import { ProfileService } from './profile/profile.service';
import { ImageHistoryRepository } from './repositories/image-history.repository';
import { ProfileRepository } from './repositories/profile.repository';
import { CenteringService } from './solving/centering.service';
import { PlateSolveService } from './solving/plate-solve.service';
import { FrameLocator } from './tppa/frame-locator';
import { PolarAlignmentService } from './tppa/polar-alignment.service';

/**
 * The N.I.N.A. Advanced API v2 (2.2.x) on /v2/api and /v2/socket. Drivers are chosen per
 * device by the active profile; DRIVER_FACTORIES lists the installed ones (tests may swap it).
 */
@Module({
  imports: [TypeOrmModule.forFeature([EquipmentImageEntity, EquipmentProfileEntity]), AuthCoreModule, PlateSolverModule],
  controllers: NINA_CONTROLLERS,
  providers: [
    { provide: OperatorDesks, useFactory: () => new OperatorDesks() },
    {
      provide: DRIVER_FACTORIES,
      inject: [Clock, AppConfig, OperatorDesks, ModuleRef],
      // The networked wheel reads the profile's filters when asked; ProfileService needs the registry, so it is looked up late.
      useFactory: (clock: Clock, config: AppConfig, desks: OperatorDesks, modules: ModuleRef) => [
        new SimulatorDriverFactory(clock, config.plateSolving.indexDir),
        new IndiDriverFactory(clock),
        new NetworkedDriverFactory(desks, () => modules.get(ProfileService).filterNames()),
      ],
    },
    EquipmentRegistry,
    DeviceLeases,
    EquipmentInfoService,
    ProfileRepository,
    ProfileService,
    ImageHistoryRepository,
    ImageAnalyzer,
    ImageArchive,
    ImageViewService,
    CaptureService,
    EventHistoryService,
    NinaSocketGateway,
    MountSocketGateway,
    FilterWheelSocketGateway,
    RotatorSocketGateway,
    FrameLocator,
    PolarAlignmentService,
    TppaSocketGateway,
    ApplicationService,
    FramingService,
    AutofocusService,
    FlatWizardService,
    LivestackService,
    ApplicationLogs,
    PlateSolving,
    PlateSolveService,
    CenteringService,
  ],
  exports: [EquipmentRegistry, ProfileService, CaptureService, AutofocusService, DeviceLeases, PlateSolveService, CenteringService],
})
export class EquipmentModule implements OnModuleInit {
  onModuleInit(): void {
    registerFailureRenderer('nina', (f) => new HttpException(ninaFailure(f.message, f.status), f.status));
  }
}
