// The public API of @app/equipment. Other libs and apps import only these names; everything
// else (controllers, INDI and simulator internals, repositories) stays private to the lib.

// The module and its schema
export { EquipmentModule } from './equipment.module';
export { EQUIPMENT_MIGRATIONS } from './migrations';

// Devices: the registry, the device kinds and the driver contract a driver implements
export { EquipmentRegistry, type DriverSelection } from './devices/equipment-registry';
export { DeviceLeases } from './devices/device-leases';
export { untilSlewEnds } from './devices/slew-settle';
export { DEVICE_TYPES, DEVICE_WORDS, isDeviceType, type DeviceType } from './drivers/contract/device-types';
export {
  DeviceRefusal,
  DRIVER_FACTORIES,
  DRIVER_NAMES,
  type DeviceChange,
  type DeviceChangeListener,
  type DeviceDriver,
  type DeviceIdentity,
  type DriverFactory,
  type DriverName,
} from './drivers/contract/device-driver';
export {
  IMAGE_TYPES,
  type CameraDriver,
  type CameraStatus,
  type DomeDriver,
  type DriverByType,
  type ExposureContext,
  type ExposureRequest,
  type FilterWheelDriver,
  type FlatDeviceDriver,
  type FocuserDriver,
  type GuiderDriver,
  type ImageType,
  type MountAxis,
  type MountDriver,
  type MountStatus,
  type RawFrame,
  type RotatorDriver,
  type SafetyMonitorDriver,
  type SwitchDriver,
  type WeatherDriver,
  type WeatherReadings,
} from './drivers/contract/device-interfaces';

// Events on the core bus (subscribers in other features import these as types)
export { NINA_EVENT, type NinaSocketEvent } from './nina/nina-events';
export { CAPTURE_SAVED, type CaptureSavedEvent } from './image/capture-events';

// Captures, profiles and the N.I.N.A. envelope
export { CaptureService, MAX_SAVES_IN_FLIGHT, type CaptureFlow, type CaptureFlowOutcome, type CaptureRequest, type FinishedCapture } from './image/capture.service';
export { ProfileService } from './profile/profile.service';
export { AutofocusService, type AutofocusOptions } from './autofocus/autofocus.service';
export type { AutofocusReport, AutofocusFitting } from './autofocus/autofocus-report';
export { NinaError, ninaFailure, ninaOk, type NinaEnvelope } from './nina/envelope';
export { NinaController, NinaEnvelopeDto } from './nina/nina-api.decorators';
export { optionalBool, optionalEnum, optionalNumber, optionalString, requiredNumber, requiredString } from './nina/query';

// Sockets
export { MOUNT_MOVE_WATCHDOG_MS, MountSocketGateway } from './sockets/mount-socket.gateway';
export { NinaSocketGateway } from './sockets/nina-socket.gateway';
export { FilterWheelSocketGateway } from './sockets/filterwheel-socket.gateway';
export { RotatorSocketGateway } from './sockets/rotator-socket.gateway';

// Image codec and measurements
export { decodeFits, encodeFits, type DecodedFits, type FitsCard } from './drivers/image/fits';
export { detectStars, imageStatistics, type DetectedStar, type ImageStatistics, type StarDetection } from './drivers/image/image-analysis';
export { renderStarField, type StarFieldOptions } from './drivers/image/star-field';

// Plate solving: solve a frame or a stored capture, and centre on a target (the sequencer's slew-and-centre)
export { PlateSolveService, type SolveOptions } from './solving/plate-solve.service';
export { CENTERING_STEP, CenteringService, type CenteringOutcome, type CenteringStep, type CenteringTarget } from './solving/centering.service';
