import type { SequenceEntity, SequenceTree } from '../model/sequence-entity';
import { areas } from '../model/sequence-entity';
import { coordinatesView, type Radec } from './coordinates';

/**
 * The two renderings of ninaAPI's Sequence.cs: `sequence/json` (hand-picked fields per type)
 * and `sequence/state` (every setting, as ninaAPI's reflection gives). Both are an array:
 * {GlobalTriggers} first, then Start, Targets and End; names end in _Container, _Condition, _Trigger.
 */
type View = Record<string, unknown>;
type Fields = Record<string, unknown>;

const SUFFIX = { container: '_Container', condition: '_Condition', trigger: '_Trigger', item: '' } as const;

/** .NET TimeSpan text: [-][d.]hh:mm:ss[.fffffff] */
export function timeSpan(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const pad = (v: number) => String(v).padStart(2, '0');
  const h = Math.floor(rest / 3_600_000);
  const m = Math.floor((rest % 3_600_000) / 60_000);
  const s = Math.floor((rest % 60_000) / 1000);
  const fraction = Math.round((rest % 1000) * 10_000);
  return `${sign}${days ? `${days}.` : ''}${pad(h)}:${pad(m)}:${pad(s)}${fraction ? `.${String(fraction).padStart(7, '0')}` : ''}`;
}

const binning = (f: Fields) => {
  const b = (f.Binning as { X: number; Y: number } | undefined) ?? { X: 1, Y: 1 };
  return { X: b.X, Y: b.Y, Name: `${b.X}x${b.Y}` };
};
const filterName = (f: Fields) => (f.Filter as { name: string } | null | undefined)?.name || 'Current';
const exposure = (f: Fields) => ({ ExposureTime: f.ExposureTime, ExposureCount: f.ExposureCount ?? 0, Binning: binning(f), Gain: f.Gain ?? -1, Offset: f.Offset ?? -1, Type: f.ImageType ?? 'LIGHT' });
const remaining = (f: Fields) => ({ RemainingTime: timeSpan(Number(f.RemainingMs ?? 0)), TargetTime: f.TargetTime ?? '0001-01-01T00:00:00' });
const altitude = (f: Fields) => ({ Altitude: f.Offset ?? 0, CurrentAltitude: f.CurrentAltitude ?? 'NaN', ExpectedTime: f.ExpectedTime ?? '--' });

/** Per type, the fields `sequence/json` adds (Sequence.cs getSequenceRecursivley / getConditions / getTriggers). */
const JSON_FIELDS: Record<string, (f: Fields) => View> = {
  CoolCamera: (f) => ({ Temperature: f.Temperature ?? 0, MinCoolingTime: f.Duration ?? 0 }),
  WarmCamera: (f) => ({ MinWarmingTime: f.Duration ?? 0 }),
  SmartExposure: (f) => ({ ...exposure(f), DitherProgressExposures: f.DitherProgress ?? 0, DitherTargetExposures: f.DitherAfter ?? 0, Iterations: f.Iterations ?? 1, CompletedIterations: f.CompletedIterations ?? 0, Filter: filterName(f) }),
  TakeExposure: exposure,
  SwitchFilter: (f) => ({ Filter: filterName(f) }),
  StartGuiding: (f) => ({ ForceCalibration: f.ForceCalibration ?? false }),
  Center: (f) => ({ Coordinates: coordinatesView(f.Coordinates as Radec | null) }),
  SlewScopeToRaDec: (f) => ({ Coordinates: coordinatesView(f.Coordinates as Radec | null) }),
  CenterAndRotate: (f) => ({ Coordinates: coordinatesView(f.Coordinates as Radec | null), Rotation: f.PositionAngle ?? 0 }),
  Annotation: (f) => ({ Text: f.Text ?? '' }),
  WaitForAltitude: altitude,
  WaitForSunAltitude: altitude,
  WaitForTime: (f) => ({ TargetTime: f.TargetTime ?? '0001-01-01T00:00:00', CalculatedWaitDuration: timeSpan(Number(f.RemainingMs ?? 0)) }),
  WaitForTimeSpan: (f) => ({ Delay: f.Time ?? 0 }),
  TimeCondition: remaining,
  AltitudeCondition: (f) => ({ ...altitude(f), ExpectedDateTime: f.ExpectedDateTime ?? '0001-01-01T00:00:00' }),
  AboveHorizonCondition: (f) => ({ ...altitude(f), ExpectedDateTime: f.ExpectedDateTime ?? '0001-01-01T00:00:00' }),
  LoopCondition: (f) => ({ Iterations: f.Iterations ?? 1, CompletedIterations: f.CompletedIterations ?? 0 }),
  AutofocusAfterExposures: (f) => ({ Exposures: f.ProgressExposures ?? 0, DeltaExposures: f.AfterExposures ?? 0 }),
  AutofocusAfterHFRIncreaseTrigger: (f) => ({ HFRTrendPercentage: f.HFRTrendPercentage ?? 0, OriginalHFR: f.OriginalHFR ?? 0, SampleSize: f.SampleSize ?? 10, DeltaHFR: f.Amount ?? 5 }),
  AutofocusAfterTemperatureChangeTrigger: (f) => ({ DeltaTemperature: f.DeltaT ?? 0, TargetTemperature: f.Amount ?? 0 }),
  DitherAfterExposures: (f) => ({ Exposures: f.ProgressExposures ?? 0, TargetExposures: f.AfterExposures ?? 1 }),
  MeridianFlipTrigger: (f) => ({ TimeToFlip: f.TimeToFlip ?? 0 }),
};

/** Internal bookkeeping that `sequence/state` does not show. */
const HIDDEN = new Set(['RemainingMs', 'DitherProgress', 'Target']);

function base(node: SequenceEntity): View {
  return { Name: node.name + SUFFIX[node.kind], Status: node.status };
}

function compact(node: SequenceEntity): View {
  const view = base(node);
  if (node.kind === 'container') {
    view.Items = node.items.map(compact);
    view.Conditions = node.conditions.map(compact);
    view.Triggers = node.triggers.map(compact);
  }
  return { ...view, ...JSON_FIELDS[node.type]?.(node.fields) };
}

function verbose(node: SequenceEntity): View {
  const view: View = { ...base(node) };
  for (const [key, value] of Object.entries(node.fields)) {
    if (HIDDEN.has(key)) continue;
    view[key] = key === 'Coordinates' ? coordinatesView(value as Radec | null) : value;
  }
  const target = node.fields.Target as { name: string; raDeg: number; decDeg: number; rotation: number } | undefined;
  if (target) view.Target = { TargetName: target.name, PositionAngle: target.rotation, InputCoordinates: coordinatesView(target) };
  if (node.kind === 'container') {
    view.Items = node.items.map(verbose);
    view.Conditions = node.conditions.map(verbose);
    view.Triggers = node.triggers.map(verbose);
  }
  return { ...view, ...JSON_FIELDS[node.type]?.(node.fields) };
}

export function sequenceJson(tree: SequenceTree): View[] {
  return [{ GlobalTriggers: tree.globalTriggers.map(compact) }, ...areas(tree).map(compact)];
}

export function sequenceState(tree: SequenceTree): View[] {
  return [{ GlobalTriggers: tree.globalTriggers.map(verbose) }, ...areas(tree).map(verbose)];
}
