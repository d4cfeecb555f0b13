import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '@app/core';
import { EquipmentModule } from '@app/equipment';
import { SequenceController } from './controllers/sequence.controller';
import { SequencerRunsController } from './controllers/sequencer-runs.controller';
import { defaultTime, SEQUENCER_AUTOFOCUS, SEQUENCER_DAEMON, SEQUENCER_TIME, UnavailableAutofocus, UnavailableDaemon } from './ports/sequencer-ports';
import { SequencerService } from './sequencer.service';
import { SequenceFiles } from './storage/sequence-files';
import { LoadedSequenceEntity, RunLogEntity, SequenceRunEntity } from './storage/sequencer.entities';
import { SequencerRepository } from './storage/sequencer.repository';

/**
 * N.I.N.A.'s advanced sequencer on /v2/api/sequence/* and Skygate's /sequencer/runs. The
 * autofocus and Daemon ports default to "not available"; the app overrides them when those
 * features exist. Time is real unless the Clock is a ManualClock (tests, bench).
 */
@Module({
  imports: [TypeOrmModule.forFeature([LoadedSequenceEntity, SequenceRunEntity, RunLogEntity]), EquipmentModule],
  controllers: [SequenceController, SequencerRunsController],
  providers: [
    SequencerRepository,
    SequenceFiles,
    SequencerService,
    { provide: SEQUENCER_AUTOFOCUS, useClass: UnavailableAutofocus },
    { provide: SEQUENCER_DAEMON, useClass: UnavailableDaemon },
    { provide: SEQUENCER_TIME, inject: [Clock], useFactory: defaultTime },
  ],
  exports: [SequencerService],
})
export class SequencerModule {}
