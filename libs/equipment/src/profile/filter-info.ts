/** NINA's FilterInfo for a profile filter (flat-wizard and autofocus settings at their defaults). */
export function filterInfo(name: string, position: number) {
  const binning = { Name: '1x1', X: 1, Y: 1 };
  return {
    Name: name,
    FocusOffset: 0,
    Position: position,
    AutoFocusExposureTime: -1,
    AutoFocusFilter: false,
    FlatWizardFilterSettings: {
      FlatWizardMode: 'DYNAMICEXPOSURE',
      HistogramMeanTarget: 0.5,
      HistogramTolerance: 0.1,
      MaxFlatExposureTime: 30,
      MinFlatExposureTime: 0.01,
      MaxAbsoluteFlatDeviceBrightness: 1,
      MinAbsoluteFlatDeviceBrightness: 0,
      Gain: -1,
      Offset: -1,
      Binning: binning,
    },
    AutoFocusBinning: binning,
    AutoFocusGain: -1,
    AutoFocusOffset: -1,
  };
}
