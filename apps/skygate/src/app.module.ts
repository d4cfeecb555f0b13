import { DynamicModule, Module, type Type } from '@nestjs/common';
import { ArchiveModule } from '@app/archive';
import { AllskyModule } from '@app/allsky';
import { AuthModule } from '@app/auth';
import { CoreModule, HealthModule, MetricsModule, type CoreModuleOptions } from '@app/core';
import { GpioModule } from '@app/gpio';
import { SyncApiModule } from '@app/sync-api';
import { EquipmentModule } from '@app/equipment';
import { DaemonModule, SequencerDaemonControl } from '@app/daemon';
import { SequencerModule } from '@app/sequencer';
import { MIGRATIONS } from './migrations';

export type AppOptions = Omit<CoreModuleOptions, 'migrations'> & {
  /** More modules to mount beside Skygate's own (tests mount probe controllers this way). */
  extraImports?: (Type | DynamicModule)[];
};

/** Composes the feature modules; holds no logic of its own. */
@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({ ...options, migrations: MIGRATIONS }),
        AuthModule,
        HealthModule,
        MetricsModule,
        GpioModule,
        AllskyModule,
        ArchiveModule,
        SyncApiModule,
        EquipmentModule,
        DaemonModule,
        SequencerModule.forRoot({ daemon: { module: DaemonModule, port: SequencerDaemonControl } }),
        ...(options.extraImports ?? []),
      ],
    };
  }
}
