import { NinaError } from '../../nina/envelope';
import { changeSetting, defaultProfileSettings, withDefaultSettings } from '../profile-settings';
import { NINA_PROFILE_SECTIONS, showProfileSettings, type ChosenDevice } from './nina-profile';

const camera: ChosenDevice = { id: 'Skygate.Simulator.Camera', name: 'Camera Simulator' };
const chosen = (section: string) => (section === 'CameraSettings' ? camera : section === 'GuiderSettings' ? { id: 'Skygate.Simulator.Guider', name: 'Guider Simulator' } : undefined);
const show = (settings = defaultProfileSettings()) => showProfileSettings(settings, chosen) as Record<string, Record<string, unknown>>;

function refusal(path: string, value: string): unknown {
  try {
    changeSetting(defaultProfileSettings(), path, value, chosen);
  } catch (err) {
    return err;
  }
  return undefined;
}

describe("N.I.N.A.'s profile tree", () => {
  it("lists every section of ninaAPI's ProfileResponse, in its order, then Skygate's own", () => {
    const sections = Object.keys(show());
    expect(sections.slice(0, 25)).toEqual([
      'ApplicationSettings', 'AstrometrySettings', 'CameraSettings', 'ColorSchemaSettings', 'DomeSettings', 'FilterWheelSettings', 'FlatWizardSettings',
      'FocuserSettings', 'FramingAssistantSettings', 'GuiderSettings', 'ImageFileSettings', 'ImageSettings', 'MeridianFlipSettings', 'PlanetariumSettings',
      'PlateSolveSettings', 'RotatorSettings', 'FlatDeviceSettings', 'SequenceSettings', 'SwitchSettings', 'TelescopeSettings', 'WeatherDataSettings',
      'SnapShotControlSettings', 'SafetyMonitorSettings', 'AlpacaSettings', 'ImageHistorySettings',
    ]);
    expect(sections.slice(25)).toEqual(expect.arrayContaining(['EquipmentDrivers', 'SimulatorSettings']));
  });

  it("has N.I.N.A.'s defaults and types, null members left out, NaN as \"NaN\", the chosen devices filled in", () => {
    const tree = show();
    expect(tree.FocuserSettings).toMatchObject({ AutoFocusStepSize: 50, AutoFocusInitialOffsetSteps: 4, AutoFocusExposureTime: 4, AutoFocusCurveFitting: 'HYPERBOLIC', AutoFocusMethod: 'STARHFR', RSquaredThreshold: 0.7, AutoFocusTimeoutSeconds: 600, Id: 'No_Device', LastDeviceName: '' });
    expect(tree.SnapShotControlSettings).toEqual({ ExposureDuration: 1, Gain: -1, Save: false, Loop: false });
    expect(tree.MeridianFlipSettings).toEqual({ MinutesAfterMeridian: 5, MaxMinutesAfterMeridian: 10, PauseTimeBeforeMeridian: 0, Recenter: true, SettleTime: 30, UseSideOfPier: true, AutoFocusAfterFlip: false, RotateImageAfterFlip: false });
    expect(tree.CameraSettings).toMatchObject({ Id: camera.id, LastDeviceName: camera.name, PixelSize: 3.76, BayerPattern: 'Auto', BulbMode: 'NATIVE' });
    expect(tree.CameraSettings).not.toHaveProperty('Gain');
    expect(tree.GuiderSettings).toMatchObject({ GuiderName: 'Skygate.Simulator.Guider', GuideChartDeclinationColor: { A: 255, R: 255, G: 0, B: 0 } });
    expect(tree.SequenceSettings).toMatchObject({ EstimatedDownloadTime: '00:00:00', TimeSpanInTicks: 0 });
    expect(tree.ColorSchemaSettings).toEqual({ AltColorSchema: 'Dark', ColorSchema: 'Persian Faint' });
    expect((tree.FilterWheelSettings.FilterWheelFilters as { Name: string; Position: number }[])[4]).toMatchObject({ Name: 'H_Alpha', Position: 4 });
    // A double N.I.N.A. leaves NaN (a new telescope's focal ratio) comes back as NaN, not null.
    const settings = defaultProfileSettings();
    (settings.TelescopeSettings as Record<string, unknown>).FocalRatio = null;
    expect(show(settings).TelescopeSettings.FocalRatio).toBe('NaN');
    for (const [name, spec] of Object.entries(NINA_PROFILE_SECTIONS)) expect(Object.keys(show()[name]).every((k) => k in spec)).toBe(true);
  });

  it('gives profiles stored before the tree every missing field, keeping their values', () => {
    const stored = { CameraSettings: { PixelSize: 2.9 }, PlateSolveSettings: { ExposureTime: 5 }, FilterWheelSettings: { FilterWheelFilters: ['L'] } };
    const tree = show(withDefaultSettings(stored));
    expect(tree.CameraSettings).toMatchObject({ PixelSize: 2.9, BitDepth: 16, Timeout: 60 });
    expect(tree.PlateSolveSettings).toMatchObject({ ExposureTime: 5, SearchRadius: 30, PlateSolverType: 'ASTAP' });
    expect(tree.FilterWheelSettings.FilterWheelFilters).toHaveLength(1);
  });

  it.each([
    ['TelescopeSettings-TelescopeLocationSyncDirection', 'toTelescope', 'TOTELESCOPE'],
    ['FocuserSettings-AutoFocusStepSize', '120', 120],
    ['FocuserSettings-RSquaredThreshold', '0.85', 0.85],
    ['SnapShotControlSettings-Gain', '139', 139],
    ['SnapShotControlSettings-ExposureDuration', '2.5', 2.5],
    ['MeridianFlipSettings-Recenter', 'False', false],
    ['CameraSettings-Gain', '100', 100],
    ['TelescopeSettings-FocalRatio', 'NaN', 'NaN'],
    ['SequenceSettings-EstimatedDownloadTime', '00:00:05', '00:00:05'],
    ['ImageFileSettings-FilePattern', '$$TARGETNAME$$\\$$FRAMENR$$', '$$TARGETNAME$$\\$$FRAMENR$$'],
  ])('sets %s=%s as %p', (path, value, expected) => {
    const [section, field] = path.split('-');
    const settings = changeSetting(defaultProfileSettings(), path, value, chosen);
    expect((settings[section] as Record<string, unknown>)[field]).toEqual(expected);
  });

  it('renames a filter, and confirms the chosen device without changing it', () => {
    const settings = changeSetting(defaultProfileSettings(), 'FilterWheelSettings-FilterWheelFilters-1-Name', 'Ha 3nm', chosen);
    expect((settings.FilterWheelSettings as { FilterWheelFilters: string[] }).FilterWheelFilters.slice(0, 2)).toEqual(['Luminance', 'Ha 3nm']);
    expect(changeSetting(defaultProfileSettings(), 'CameraSettings-Id', camera.id, chosen)).toEqual(defaultProfileSettings());
  });

  it.each([
    ['FocuserSettings-AutoFocusStepSize', '12.5', 'FocuserSettings-AutoFocusStepSize needs a whole number from -2147483648 to 2147483647'],
    ['FocuserSettings-AutoFocusBinning', '40000', 'FocuserSettings-AutoFocusBinning needs a whole number from -32768 to 32767'],
    ['FocuserSettings-RSquaredThreshold', 'high', 'FocuserSettings-RSquaredThreshold needs a number'],
    ['MeridianFlipSettings-Recenter', 'yes', 'MeridianFlipSettings-Recenter needs true or false'],
    ['TelescopeSettings-TelescopeLocationSyncDirection', 'SIDEWAYS', 'TelescopeSettings-TelescopeLocationSyncDirection needs one of PROMPT, TOAPPLICATION, TOTELESCOPE, NOSYNC'],
    ['GuiderSettings-GuideChartDeclinationColor', 'red', 'GuiderSettings-GuideChartDeclinationColor is an object and cannot be set from a text'],
    ['CameraSettings-Id', 'ASCOM.Simulator.Camera', 'CameraSettings-Id follows the driver chosen with EquipmentDrivers-<device>'],
    ['CameraSettings-NoSuchField', '1', 'Invalid path'],
    ['CameraSettings-PixelSize-X', '1', 'Invalid path'],
    ['FilterWheelSettings-FilterWheelFilters-9-Name', 'X', 'Invalid path'],
  ])('refuses %s=%s with 400 "%s"', (path, value, message) => {
    const error = refusal(path, value);
    expect(error).toBeInstanceOf(NinaError);
    expect(error).toMatchObject({ code: 400, message });
  });
});
