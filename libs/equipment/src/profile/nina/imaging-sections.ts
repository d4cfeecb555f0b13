import { bool, choice, double, int, object, text, timespan, type SectionSpec } from './setting-spec';

/** The imaging and automation sections of N.I.N.A. 3.2's profile (see device-sections.ts). */

export const FLAT_WIZARD_SETTINGS: SectionSpec = {
  FlatCount: int(10),
  HistogramMeanTarget: double(0.5),
  HistogramTolerance: double(0.1),
  DarkFlatCount: int(0),
  OpenForDarkFlats: bool(false),
  OpenWhenDone: bool(true),
  AltitudeSite: choice(['EAST', 'WEST'], 'EAST'),
  FlatWizardMode: choice(['DYNAMICEXPOSURE', 'DYNAMICBRIGHTNESS', 'SKYFLAT'], 'DYNAMICEXPOSURE'),
};

export const FRAMING_ASSISTANT_SETTINGS: SectionSpec = {
  CameraHeight: int(3500),
  CameraWidth: int(4500),
  FieldOfView: double(3),
  Opacity: double(0.2),
  LastSelectedImageSource: choice(['NASA', 'SKYSERVER', 'STSCI', 'ESO', 'HIPS2FITS', 'SKYATLAS', 'FILE', 'CACHE'], 'HIPS2FITS'),
  LastRotationAngle: double(0),
  SaveImageInOfflineCache: bool(false),
  AnnotateConstellationBoundaries: bool(false),
  AnnotateConstellations: bool(false),
  AnnotateDSO: bool(true),
  AnnotateGrid: bool(true),
};

/** N.I.N.A.'s default ImageFileSettings-FilePattern. */
export const DEFAULT_FILE_PATTERN = '$$DATEMINUS12$$\\$$IMAGETYPE$$\\$$DATETIME$$_$$FILTER$$_$$SENSORTEMP$$_$$EXPOSURETIME$$s_$$FRAMENR$$';

/** FilePattern names the FITS files Skygate writes (image/image-file-pattern.ts); FilePath is shown only (they go below the data folder). */
export const IMAGE_FILE_SETTINGS: SectionSpec = {
  FilePath: text('equipment/images'),
  FilePattern: text(DEFAULT_FILE_PATTERN),
  FilePatternDARK: text(''),
  FilePatternBIAS: text(''),
  FilePatternFLAT: text(''),
  FileType: choice(['TIFF', 'FITS', 'XISF', 'TIFF_ZIP', 'TIFF_LZW', 'RAW'], 'FITS'),
  TIFFCompressionType: choice(['NONE', 'ZIP', 'LZW'], 'NONE'),
  XISFCompressionType: choice(['NONE', 'LZ4', 'LZ4HC', 'ZLIB'], 'NONE'),
  XISFChecksumType: choice(['NONE', 'SHA1', 'SHA256', 'SHA512', 'SHA3_256', 'SHA3_512'], 'SHA256'),
  XISFByteShuffling: bool(false),
  FITSCompressionType: choice(['NONE', 'RICE', 'GZIP1', 'GZIP2', 'PLIO', 'HCOMPRESS'], 'NONE'),
  FITSAddFzExtension: bool(true),
  FITSUseLegacyWriter: bool(true),
};

/** AutoStretchFactor and BlackClipping stretch every preview Skygate renders. */
export const IMAGE_SETTINGS: SectionSpec = {
  AnnotateImage: bool(false),
  DebayerImage: bool(true),
  DebayeredHFR: bool(true),
  UnlinkedStretch: bool(true),
  AnnotateUnlimitedStars: bool(false),
  AutoStretchFactor: double(0.2),
  BlackClipping: double(-2.8),
  StarSensitivity: choice(['Normal', 'High', 'Highest'], 'High'),
  NoiseReduction: choice(['None', 'Median', 'Normal', 'High', 'Highest'], 'None'),
  DetectStars: bool(true),
  AutoStretch: bool(true),
};

const IMAGE_HISTORY_VALUES = ['NONE', 'HFR', 'Stars', 'Median', 'Mean', 'StDev', 'MAD', 'Temperature', 'Rms'];
export const IMAGE_HISTORY_SETTINGS: SectionSpec = {
  ImageHistoryLeftSelected: choice(IMAGE_HISTORY_VALUES, 'HFR'),
  ImageHistoryRightSelected: choice(IMAGE_HISTORY_VALUES, 'Stars'),
};

export const MERIDIAN_FLIP_SETTINGS: SectionSpec = {
  MinutesAfterMeridian: double(5),
  MaxMinutesAfterMeridian: double(10),
  PauseTimeBeforeMeridian: double(0),
  Recenter: bool(true),
  SettleTime: int(30),
  UseSideOfPier: bool(true),
  AutoFocusAfterFlip: bool(false),
  RotateImageAfterFlip: bool(false),
};

/** ExposureTime is the capture duration when camera/capture gets none (as ninaAPI). */
export const PLATE_SOLVE_SETTINGS: SectionSpec = {
  AstrometryURL: text('http://nova.astrometry.net'),
  AstrometryAPIKey: text(''),
  BlindSolverType: choice(['ASTROMETRY_NET', 'LOCAL', 'ASPS', 'ASTAP', 'PLATESOLVE3', 'PINPOINT'], 'ASTAP'),
  CygwinLocation: text(''),
  ExposureTime: double(2),
  Gain: int(-1),
  Binning: int(1, 'short'),
  Filter: object(null),
  PlateSolverType: choice(['ASTROMETRY_NET', 'LOCAL', 'PLATESOLVE2', 'PLATESOLVE3', 'ASPS', 'ASTAP', 'TSX_IMAGELINK', 'PINPONT'], 'ASTAP'),
  PS2Location: text(''),
  PS3Location: text(''),
  Regions: int(5000),
  SearchRadius: double(30),
  Threshold: double(1),
  RotationTolerance: double(1),
  ReattemptDelay: double(2),
  NumberOfAttempts: int(10),
  AspsLocation: text(''),
  ASTAPLocation: text(''),
  DownSampleFactor: int(0),
  MaxObjects: int(500),
  Sync: bool(false),
  SlewToTarget: bool(false),
  BlindFailoverEnabled: bool(true),
  TheSkyXHost: text('localhost'),
  TheSkyXPort: int(3040),
  PinPointCatalogType: choice(['ppGSCACT', 'ppTycho2', 'ppUSNO_A', 'ppUCAC2', 'ppUSNO_B', 'ppUCAC3', 'ppUCAC4', 'ppAtlas'], 'ppGSCACT'),
  PinPointCatalogRoot: text('C:\\GSC11\\'),
  PinPointMaxMagnitude: double(20),
  PinPointExpansion: double(40),
  PinPointAllSkyApiKey: text(''),
  PinPointAllSkyApiHost: text('nova.astrometry.net'),
};

export const SEQUENCE_SETTINGS: SectionSpec = {
  EstimatedDownloadTime: timespan('00:00:00'),
  TemplatePath: text(''),
  TimeSpanInTicks: int(0, 'long'),
  ParkMountAtSequenceEnd: bool(false),
  CloseDomeShutterAtSequenceEnd: bool(true),
  ParkDomeAtSequenceEnd: bool(true),
  WarmCamAtSequenceEnd: bool(false),
  SequenceCompleteCommand: text(null),
  DefaultSequenceFolder: text('equipment/sequences'),
  StartupSequenceTemplate: text(''),
  SequencerTemplatesFolder: text('equipment/sequences/templates'),
  SequencerTargetsFolder: text('equipment/sequences/targets'),
  CollapseSequencerTemplatesByDefault: bool(false),
  CoolCameraAtSequenceStart: bool(false),
  UnparMountAtSequenceStart: bool(true),
  OpenDomeShutterAtSequenceStart: bool(false),
  DoMeridianFlip: bool(false),
  DisableSimpleSequencer: bool(false),
};

/** Gain (when above 0) is the gain of a SNAPSHOT capture that names none. */
export const SNAPSHOT_CONTROL_SETTINGS: SectionSpec = {
  ExposureDuration: double(1),
  Gain: int(-1),
  Filter: object(null),
  Save: bool(false),
  Loop: bool(false),
};
