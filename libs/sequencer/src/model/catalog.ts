import type { EntityKind } from './sequence-entity';

/**
 * The N.I.N.A. sequence entities Skygate runs: their $type (namespace + class, assembly
 * NINA.Sequencer), their English label (N.I.N.A.'s Locale.resx) and the JSON properties read
 * from a saved sequence. Skygate's own additions (the safety trigger, the Daemon instructions)
 * use the Skygate.Sequencer assembly.
 */
export interface CatalogEntry {
  kind: EntityKind;
  namespace: string;
  label: string;
  assembly?: string;
}

const NS = 'NINA.Sequencer';
const c = (label: string): CatalogEntry => ({ kind: 'container', namespace: `${NS}.Container`, label });
const i = (area: string, label: string): CatalogEntry => ({ kind: 'item', namespace: `${NS}.SequenceItem.${area}`, label });
const cond = (label: string): CatalogEntry => ({ kind: 'condition', namespace: `${NS}.Conditions`, label });
const trig = (area: string, label: string): CatalogEntry => ({ kind: 'trigger', namespace: `${NS}.Trigger${area ? `.${area}` : ''}`, label });
const own = (kind: EntityKind, namespace: string, label: string): CatalogEntry => ({ kind, namespace: `Skygate.Sequencer.${namespace}`, label, assembly: 'Skygate.Sequencer' });

export const CATALOG: Record<string, CatalogEntry> = {
  SequenceRootContainer: c('Sequence'),
  StartAreaContainer: c('Start'),
  TargetAreaContainer: c('Targets'),
  EndAreaContainer: c('End'),
  SequentialContainer: c('Sequential Instruction Set'),
  ParallelContainer: c('Parallel Instruction Set'),
  DeepSkyObjectContainer: c('Deep Sky Object Instruction Set'),

  CoolCamera: i('Camera', 'Cool Camera'),
  WarmCamera: i('Camera', 'Warm Camera'),
  UnparkScope: i('Telescope', 'Unpark Scope'),
  ParkScope: i('Telescope', 'Park Scope'),
  SlewScopeToRaDec: i('Telescope', 'Slew To Ra/Dec'),
  Center: i('Platesolving', 'Slew and center'),
  CenterAndRotate: i('Platesolving', 'Slew, center and rotate'),
  SwitchFilter: i('FilterWheel', 'Switch Filter'),
  TakeExposure: i('Imaging', 'Take Exposure'),
  SmartExposure: i('Imaging', 'Smart Exposure'),
  StartGuiding: i('Guider', 'Start Guiding'),
  StopGuiding: i('Guider', 'Stop Guiding'),
  Dither: i('Guider', 'Dither'),
  OpenDomeShutter: i('Dome', 'Open Dome Shutter'),
  CloseDomeShutter: i('Dome', 'Close Dome Shutter'),
  EnableDomeSynchronization: i('Dome', 'Enable Dome Sync'),
  DisableDomeSynchronization: i('Dome', 'Disable Dome Sync'),
  ToggleLight: i('FlatDevice', 'Toggle Light'),
  OpenCover: i('FlatDevice', 'Open Flat Panel Cover'),
  CloseCover: i('FlatDevice', 'Close Flat Panel Cover'),
  SetBrightness: i('FlatDevice', 'Set Brightness'),
  WaitForTime: i('Utility', 'Wait for Time'),
  WaitForTimeSpan: i('Utility', 'Wait for Time Span'),
  WaitForAltitude: i('Utility', 'Wait for Altitude'),
  WaitForSunAltitude: i('Utility', 'Wait if Sun Altitude'),
  Annotation: i('Utility', 'Annotation'),
  RunAutofocus: i('Autofocus', 'Run Autofocus'),
  SetDaemonOutput: own('item', 'SequenceItem.Daemon', 'Set Daemon Output'),
  RunDaemonFunction: own('item', 'SequenceItem.Daemon', 'Run Daemon Function'),

  LoopCondition: cond('Loop For Iterations'),
  TimeCondition: cond('Loop Until Time'),
  AltitudeCondition: cond('Loop until Altitude Below'),
  AboveHorizonCondition: cond('Loop while Altitude Above Horizon'),
  SafetyMonitorCondition: cond('Loop while safe'),

  MeridianFlipTrigger: trig('MeridianFlip', 'Meridian Flip'),
  AutofocusAfterHFRIncreaseTrigger: trig('Autofocus', 'AF After HFR Increase'),
  AutofocusAfterFilterChange: trig('Autofocus', 'AF After Filter Change'),
  AutofocusAfterExposures: trig('Autofocus', 'AF After # Exposures'),
  AutofocusAfterTemperatureChangeTrigger: trig('Autofocus', 'AF After Temperature Change'),
  DitherAfterExposures: trig('Guider', 'Dither after Exposures'),
  SafetyTrigger: own('trigger', 'Trigger.Safety', 'Park When Unsafe'),
};

/** "NINA.Sequencer.SequenceItem.Imaging.TakeExposure, NINA.Sequencer" → "TakeExposure" when known. */
export function knownType(dollarType: string): string | null {
  const [qualified, assembly] = dollarType.split(',').map((s) => s.trim());
  const dot = qualified.lastIndexOf('.');
  const name = qualified.slice(dot + 1);
  const entry = CATALOG[name];
  if (!entry || entry.namespace !== qualified.slice(0, dot)) return null;
  return (entry.assembly ?? NS) === assembly ? name : null;
}

export function dollarTypeOf(type: string): string {
  const entry = CATALOG[type];
  return entry ? `${entry.namespace}.${type}, ${entry.assembly ?? NS}` : type;
}
