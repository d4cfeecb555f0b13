export * from './daemon.module';
export * from './events/daemon.events';
export * from './inputs/input-backend';
export * from './migrations';
export * from './outputs/output-backend';
export * from './runtime/daemon-runtime.service';
export * from './sequencer/sequencer-daemon-control';
