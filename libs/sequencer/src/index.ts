// The public API of @app/sequencer.
export { SequencerModule } from './sequencer.module';
export { SEQUENCER_MIGRATIONS } from './storage/migrations';
export { SEQUENCE_LOAD_PATH, sequenceLoadBody } from './controllers/sequence-load-body';
export { SequencerService, SKIP_TYPES, type SkipType } from './sequencer.service';
export {
  AcceleratedTime,
  RealTime,
  SEQUENCER_AUTOFOCUS,
  SEQUENCER_DAEMON,
  SEQUENCER_TIME,
  UnavailableAutofocus,
  UnavailableDaemon,
  type AutofocusPort,
  type DaemonPort,
  type SequencerTime,
} from './ports/sequencer-ports';
export { readSequence, SequenceFormatError, type ReadSequence } from './nina-json/nina-reader';
export { sequenceJson, sequenceState } from './nina-json/sequence-views';
export { SEQUENCE_STATUSES, type SequenceEntity, type SequenceStatus, type SequenceTree } from './model/sequence-entity';
