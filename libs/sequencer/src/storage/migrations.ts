import { SequencerInit1795500000000 } from './1795500000000-sequencer-init';
import { SequencerEdits1795500000001 } from './1795500000001-sequencer-edits';

export const SEQUENCER_MIGRATIONS = [SequencerInit1795500000000, SequencerEdits1795500000001];
