import { SequencerInit1795500000000 } from './1795500000000-sequencer-init';

export const SEQUENCER_MIGRATIONS = [SequencerInit1795500000000];
