import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '@app/core';
import { EquipmentModule } from '@app/equipment';
import { SequenceController } from './controllers/sequence.controller';
import { SequencerRunsController } from './controllers/sequencer-runs.controller';
import { EquipmentAutofocus } from './ports/equipment-autofocus';
import { defaultTime, SEQUENCER_AUTOFOCUS, SEQUENCER_DAEMON, SEQUENCER_TIME, UnavailableDaemon, type DaemonPort } from './ports/sequencer-ports';
import { SequencerService } from './sequencer.service';
import { SequenceFiles } from './storage/sequence-files';
import { LoadedSequenceEntity, RunLogEntity, SequenceRunEntity } from './storage/sequencer.entities';
import { SequencerRepository } from './storage/sequencer.repository';

/** Where the Daemon port comes from: the app passes the daemon's module and its DaemonPort (peers meet only in the app). */
export interface SequencerModuleOptions {
  daemon?: { module: Type | DynamicModule; port: Type<DaemonPort> };
}

/**
 * N.I.N.A.'s advanced sequencer on /v2/api/sequence/* and Skygate's /sequencer/runs. Autofocus
 * runs Equipment's; the Daemon port answers "not available" unless the app passes the daemon
 * (`forRoot`). Time is real unless the Clock is a ManualClock (tests, bench).
 */
@Module({
  imports: [TypeOrmModule.forFeature([LoadedSequenceEntity, SequenceRunEntity, RunLogEntity]), EquipmentModule],
  controllers: [SequenceController, SequencerRunsController],
  providers: [
    SequencerRepository,
    SequenceFiles,
    SequencerService,
    { provide: SEQUENCER_AUTOFOCUS, useClass: EquipmentAutofocus },
    { provide: SEQUENCER_DAEMON, useClass: UnavailableDaemon },
    { provide: SEQUENCER_TIME, inject: [Clock], useFactory: defaultTime },
  ],
  exports: [SequencerService],
})
export class SequencerModule {
  static forRoot(options: SequencerModuleOptions = {}): DynamicModule {
    if (!options.daemon) return { module: SequencerModule };
    return {
      module: SequencerModule,
      imports: [options.daemon.module],
      providers: [{ provide: SEQUENCER_DAEMON, useExisting: options.daemon.port }],
    };
  }
}
