export { DaemonModule } from './daemon.module';
export {
  type DaemonControllerChangedEvent,
  type DaemonDeviceChangedEvent,
  type DaemonFunctionFiredEvent,
  type DaemonMeasurementEvent,
  type DaemonOutputChangedEvent,
  type DaemonPidStateEvent,
  type OutputStateValue,
} from './events/daemon.events';
export {
  INPUT_BACKEND_FACTORIES,
  type InputBackend,
  type InputBackendFactory,
  type InputChannelConfig,
  type InputReading,
} from './inputs/input-backend';
export { DAEMON_MIGRATIONS } from './migrations';
export {
  MQTT_PUBLISHER,
  type MqttPublisher,
  OUTPUT_BACKEND_FACTORIES,
  type OutputBackend,
  type OutputBackendFactory,
  type OutputCapabilities,
  type OutputChannelConfig,
} from './outputs/output-backend';
export { type ControllerType, DaemonRuntime, TICK_MS } from './runtime/daemon-runtime.service';
export { SequencerDaemonControl } from './sequencer/sequencer-daemon-control';
