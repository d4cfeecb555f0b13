import type { DeviceDriver } from './device-driver';

/**
 * One interface per device type, in neutral units: angles in degrees, RA of a mount in hours
 * as ASCOM and ninaAPI report it, slews take J2000 degrees (the driver converts to what the
 * device wants: INDI JNow hours, Alpaca hours in its equatorial system). Filter positions are
 * 0-based everywhere above the driver.
 */

export type CameraStateName = 'NoState' | 'Idle' | 'Waiting' | 'Exposing' | 'Reading' | 'Download' | 'Error' | 'LoadingFile';
export type ImageType = 'LIGHT' | 'DARK' | 'BIAS' | 'FLAT' | 'SNAPSHOT';
export const IMAGE_TYPES: readonly ImageType[] = ['LIGHT', 'DARK', 'BIAS', 'FLAT', 'SNAPSHOT'];

export interface CameraStatus {
  state: CameraStateName;
  exposureEnd: Date | null;
  xSize: number;
  ySize: number;
  pixelSizeUm: number;
  bitDepth: number;
  binX: number;
  binY: number;
  maxBin: number;
  gain: number;
  gainMin: number;
  gainMax: number;
  offset: number;
  offsetMin: number;
  offsetMax: number;
  temperature: number;
  setPoint: number;
  coolerOn: boolean;
  coolerPower: number;
  canSetTemperature: boolean;
  hasDewHeater: boolean;
  dewHeaterOn: boolean;
  readoutModes: string[];
  readoutMode: number;
  usbLimit: { value: number; min: number; max: number } | null;
  exposureMin: number;
  exposureMax: number;
  lastDownloadSeconds: number;
}

/** Where the camera looks and through what, so a simulated sky can follow the other devices. */
export interface ExposureContext {
  raDeg?: number;
  decDeg?: number;
  /** The connected focuser's position in steps; a simulated sky blurs stars by its distance from best focus. */
  focuserPosition?: number;
  filter?: string;
  /** A lit flat panel's output as a share of its maximum (0..1); absent when no panel is lit. */
  flatPanelLevel?: number;
  /** The profile's focal length (mm); a simulated sky images through it. */
  focalLengthMm?: number;
  /** The connected rotator's sky angle (degrees); a simulated sky turns the frame by it. */
  rotatorAngleDeg?: number;
  /** The mount's site, for where a misaligned simulated mount truly points. */
  site?: { latitude: number; longitude: number };
  /** The profile's SimulatorSettings: errors a simulated mount has (degrees), for plate solving and TPPA to find. */
  simulation?: { polarAltErrorDeg: number; polarAzErrorDeg: number; pointingErrorRaDeg: number; pointingErrorDecDeg: number };
}

export interface ExposureRequest {
  durationSeconds: number;
  imageType: ImageType;
  context: ExposureContext;
}

/** A read-out frame: row-major unsigned 16-bit pixels (mono). */
export interface RawFrame {
  width: number;
  height: number;
  pixels: Uint16Array;
  bitDepth: number;
  /** Header cards the device added (INDI FITS headers); ours are added by the image pipeline. */
  deviceHeaders?: Record<string, string | number | boolean>;
}

export interface CameraDriver extends DeviceDriver {
  status(): CameraStatus;
  setBinning(x: number, y: number): Promise<void>;
  setGain(gain: number): Promise<void>;
  setOffset(offset: number): Promise<void>;
  setReadoutMode(mode: number): Promise<void>;
  /** null switches the cooler off. */
  setCooling(setPoint: number | null): Promise<void>;
  setDewHeater(on: boolean): Promise<void>;
  setUsbLimit(limit: number): Promise<void>;
  /** Resolves with the frame once read out; rejects with AbortError after abortExposure(). */
  expose(request: ExposureRequest): Promise<RawFrame>;
  abortExposure(): Promise<void>;
}

export type TrackingMode = 'Siderial' | 'Lunar' | 'Solar' | 'King' | 'Custom' | 'Stopped';

export interface MountStatus {
  raHours: number;
  decDeg: number;
  altitudeDeg: number;
  azimuthDeg: number;
  siderealTimeHours: number;
  atPark: boolean;
  atHome: boolean;
  slewing: boolean;
  trackingMode: TrackingMode;
  sideOfPier: 'pierEast' | 'pierWest' | 'pierUnknown';
  siteLatitude: number;
  siteLongitude: number;
  siteElevation: number;
  /** The epoch of raHours/decDeg as the device reports them. */
  epoch: 'JNOW' | 'J2000';
}

/** Primary = RA (hour angle) axis, secondary = Dec axis of an equatorial mount. */
export type MountAxis = 'primary' | 'secondary';

export interface MountDriver extends DeviceDriver {
  status(): MountStatus;
  /**
   * Manual move of one axis at a signed rate in degrees per second (+ moves east / north); 0
   * stops that axis. The move goes on until stopped (the /v2/mount socket's watchdog stops it).
   */
  moveAxis(axis: MountAxis, rateDegPerSec: number): Promise<void>;
  slew(raDegJ2000: number, decDegJ2000: number): Promise<void>;
  sync(raDegJ2000: number, decDegJ2000: number): Promise<void>;
  stopSlew(): Promise<void>;
  park(): Promise<void>;
  unpark(): Promise<void>;
  setParkPosition(): Promise<void>;
  findHome(): Promise<void>;
  setTracking(mode: TrackingMode): Promise<void>;
}

export interface FocuserStatus {
  position: number;
  maxStep: number;
  stepSize: number;
  temperature: number;
  isMoving: boolean;
  tempComp: boolean;
  tempCompAvailable: boolean;
}

export interface FocuserDriver extends DeviceDriver {
  status(): FocuserStatus;
  move(position: number): Promise<void>;
  halt(): Promise<void>;
}

export interface RotatorStatus {
  position: number;
  mechanicalPosition: number;
  isMoving: boolean;
  reverse: boolean;
  canReverse: boolean;
  stepSize: number;
}

export interface RotatorDriver extends DeviceDriver {
  status(): RotatorStatus;
  /** `signal` cancels a move that waits (a manual one); the promise then rejects with its reason. */
  moveMechanical(degrees: number, signal?: AbortSignal): Promise<void>;
  setReverse(reverse: boolean): Promise<void>;
  halt(): Promise<void>;
}

export interface FilterWheelStatus {
  /** 0-based; -1 while moving (ASCOM convention). */
  position: number;
  names: string[];
  isMoving: boolean;
}

export interface FilterWheelDriver extends DeviceDriver {
  status(): FilterWheelStatus;
  /** 0-based slot; `signal` cancels a change that waits (a manual one), rejecting with its reason. */
  setPosition(position: number, signal?: AbortSignal): Promise<void>;
}

export type ShutterState = 'ShutterNone' | 'ShutterOpen' | 'ShutterClosed' | 'ShutterOpening' | 'ShutterClosing' | 'ShutterError';

export interface DomeStatus {
  shutter: ShutterState;
  azimuthDeg: number;
  atPark: boolean;
  atHome: boolean;
  slewing: boolean;
  following: boolean;
}

export interface DomeDriver extends DeviceDriver {
  status(): DomeStatus;
  openShutter(): Promise<void>;
  closeShutter(): Promise<void>;
  stop(): Promise<void>;
  slew(azimuthDeg: number): Promise<void>;
  sync(azimuthDeg: number): Promise<void>;
  park(): Promise<void>;
  setParkPosition(): Promise<void>;
  findHome(): Promise<void>;
  setFollowing(on: boolean): Promise<void>;
}

export interface SwitchPort {
  id: number;
  name: string;
  description: string;
  writable: boolean;
  min: number;
  max: number;
  step: number;
  value: number;
}

export interface SwitchDriver extends DeviceDriver {
  ports(): SwitchPort[];
  setValue(id: number, value: number): Promise<void>;
}

export type GuiderState = 'Looping' | 'LostLock' | 'Guiding' | 'Stopped' | 'Calibrating';

export interface GuideStep {
  raDistance: number;
  decDistance: number;
  raDurationMs: number;
  decDurationMs: number;
}

export interface GuiderStatus {
  state: GuiderState;
  pixelScale: number;
  calibrated: boolean;
  steps: GuideStep[];
}

export interface GuiderDriver extends DeviceDriver {
  status(): GuiderStatus;
  start(calibrate: boolean): Promise<void>;
  stop(): Promise<void>;
  clearCalibration(): Promise<void>;
}

export type CoverState = 'Unknown' | 'NeitherOpenNorClosed' | 'Closed' | 'Open' | 'Error' | 'NotPresent';

export interface FlatDeviceStatus {
  coverState: CoverState;
  lightOn: boolean;
  brightness: number;
  minBrightness: number;
  maxBrightness: number;
  supportsOpenClose: boolean;
}

export interface FlatDeviceDriver extends DeviceDriver {
  status(): FlatDeviceStatus;
  setLight(on: boolean): Promise<void>;
  setCover(closed: boolean): Promise<void>;
  setBrightness(brightness: number): Promise<void>;
}

export interface SafetyMonitorDriver extends DeviceDriver {
  isSafe(): boolean;
}

/** ASCOM ObservingConditions; null where the station has no sensor (ninaAPI then sends "NaN"). */
export interface WeatherReadings {
  averagePeriod: number;
  cloudCover: number | null;
  dewPoint: number | null;
  humidity: number | null;
  pressure: number | null;
  rainRate: number | null;
  skyBrightness: number | null;
  skyQuality: number | null;
  skyTemperature: number | null;
  starFwhm: number | null;
  temperature: number | null;
  windDirection: number | null;
  windGust: number | null;
  windSpeed: number | null;
}

export interface WeatherDriver extends DeviceDriver {
  readings(): WeatherReadings;
}

export interface DriverByType {
  camera: CameraDriver;
  mount: MountDriver;
  focuser: FocuserDriver;
  rotator: RotatorDriver;
  filterwheel: FilterWheelDriver;
  dome: DomeDriver;
  switch: SwitchDriver;
  guider: GuiderDriver;
  flatdevice: FlatDeviceDriver;
  safetymonitor: SafetyMonitorDriver;
  weather: WeatherDriver;
}
