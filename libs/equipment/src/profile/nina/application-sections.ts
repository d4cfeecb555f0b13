import { bool, choice, double, int, text, type SectionSpec } from './setting-spec';

/**
 * The application sections of N.I.N.A. 3.2's profile (see device-sections.ts). ninaAPI shows
 * ApplicationSettings and ColorSchemaSettings through its own small classes (CustomAppSettings,
 * CustomColorSchemeSettings), so only those fields appear.
 */

export const APPLICATION_SETTINGS: SectionSpec = {
  Culture: text('en-GB'),
  DevicePollingInterval: double(2),
  PageSize: int(50),
  LogLevel: choice(['ERROR', 'WARNING', 'INFO', 'DEBUG', 'TRACE'], 'INFO'),
};

export const ASTROMETRY_SETTINGS: SectionSpec = {
  Latitude: double(0),
  Longitude: double(0),
  Elevation: double(0),
  HorizonFilePath: text(''),
  Observer: text(''),
  Observatory: text(''),
  Site: text(''),
};

export const COLOR_SCHEMA_SETTINGS: SectionSpec = {
  AltColorSchema: text('Dark'),
  ColorSchema: text('Persian Faint'),
};

export const PLANETARIUM_SETTINGS: SectionSpec = {
  StellariumHost: text('localhost'),
  StellariumPort: int(8090),
  CdCHost: text('localhost'),
  CdCPort: int(3292),
  TSXHost: text('localhost'),
  TSXPort: int(3040),
  TSXUseSelectedObject: bool(false),
  HNSKYHost: text('localhost'),
  HNSKYPort: int(7700),
  C2AHost: text('localhost'),
  C2APort: int(5876),
  SkytechXHost: text('localhost'),
  SkytechXPort: int(2055),
  PreferredPlanetarium: choice(['CDC', 'STELLARIUM', 'THESKYX', 'HNSKY', 'C2A', 'SKYTECHX'], 'CDC'),
};

export const ALPACA_SETTINGS: SectionSpec = {
  NumberOfPolls: int(1),
  PollInterval: int(100),
  DiscoveryPort: int(32227),
  DiscoveryDuration: double(2),
  ResolveDnsName: bool(false),
  UseIPv4: bool(true),
  UseIPv6: bool(false),
  UseHttps: bool(false),
};
