import { CATALOG, knownType } from '../model/catalog';
import { entity, type EntityKind, type SequenceEntity, type SequenceTree } from '../model/sequence-entity';
import { coordinatesDeg } from './coordinates';

/**
 * Reads N.I.N.A.'s saved advanced sequence (Newtonsoft.Json with TypeNameHandling and
 * PreserveReferencesHandling: every object has "$type" and "$id", lists are
 * {"$type", "$values"}, back links are {"$ref"}). Unknown $types are kept as DISABLED entities
 * and listed, so a caller can refuse the sequence or run without them.
 */
export class SequenceFormatError extends Error {}

export interface ReadSequence {
  tree: SequenceTree;
  /** "<path>: <$type>" for every entity Skygate cannot run. */
  unknown: string[];
}

type Raw = Record<string, unknown>;

/** Properties that are structure or UI state, not settings. */
const STRUCTURAL = new Set(['$id', '$type', '$ref', 'Parent', 'Name', 'Items', 'Conditions', 'Triggers', 'Strategy', 'IsExpanded', 'ErrorBehavior', 'Attempts', 'Target', 'Coordinates', 'Filter', 'Data', 'Binning', 'SelectedProvider', 'ExposureInfoList', 'ExposureInfoListExpanded', 'TriggerRunner']);

export function readSequence(json: unknown): ReadSequence {
  const root = typeof json === 'string' ? parseJson(json) : json;
  if (!isObject(root) || typeof root.$type !== 'string') throw new SequenceFormatError('Not an N.I.N.A. sequence: the top object has no $type');
  const unknown: string[] = [];
  const top = readEntity(root, 'Sequence', unknown, 'container');
  if (top.type === 'DeepSkyObjectContainer') {
    // A saved target on its own (N.I.N.A.'s "save target"), wrapped as ninaAPI's GET load does.
    const targets = entity('container', 'TargetAreaContainer', 'Targets');
    targets.items.push(top);
    return { tree: { name: top.name, globalTriggers: [], start: entity('container', 'StartAreaContainer', 'Start'), targets, end: entity('container', 'EndAreaContainer', 'End') }, unknown };
  }
  if (top.type !== 'SequenceRootContainer') throw new SequenceFormatError(`The top object must be a SequenceRootContainer or a DeepSkyObjectContainer, not ${top.type}`);
  const area = (type: string, index: number) => {
    const found = top.items.find((it) => it.type === type) ?? top.items[index];
    if (!found || found.type !== type) throw new SequenceFormatError(`The sequence has no ${CATALOG[type].label} area (${type})`);
    return found;
  };
  return { tree: { name: top.name, globalTriggers: top.triggers, start: area('StartAreaContainer', 0), targets: area('TargetAreaContainer', 1), end: area('EndAreaContainer', 2) }, unknown };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SequenceFormatError(`The sequence is not valid JSON: ${(err as Error).message}`);
  }
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Newtonsoft list: {"$type", "$values": [...]} or a plain array. */
function list(value: unknown): Raw[] {
  const values = isObject(value) ? value.$values : value;
  return Array.isArray(values) ? values.filter(isObject) : [];
}

function readEntity(raw: Raw, path: string, unknown: string[], expected: EntityKind | 'item-or-container'): SequenceEntity {
  const dollarType = typeof raw.$type === 'string' ? raw.$type : '(no $type)';
  const type = knownType(dollarType);
  const entry = type ? CATALOG[type] : undefined;
  if (!type || !entry || (expected === 'item-or-container' ? entry.kind !== 'item' && entry.kind !== 'container' : entry.kind !== expected)) {
    unknown.push(`${path}: ${dollarType}`);
    const kind = expected === 'item-or-container' ? (raw.Items ? 'container' : 'item') : expected;
    const node = entity(kind, dollarType, typeof raw.Name === 'string' ? raw.Name : shortName(dollarType), primitives(raw));
    node.unknown = true;
    node.status = 'DISABLED';
    return node;
  }
  const name = typeof raw.Name === 'string' && raw.Name ? raw.Name : entry.label;
  const node = entity(entry.kind, type, name, { ...primitives(raw), ...settings(type, raw) });
  if (type === 'SmartExposure') {
    // N.I.N.A. saves it as a container of SwitchFilter + TakeExposure with a loop and a dither trigger.
    Object.assign(node.fields, smartExposure(raw));
    return node;
  }
  if (entry.kind === 'container') {
    // Paths as sequence/edit spells them: the root's children are Start, Imaging, End and GlobalTriggers.
    const root = type === 'SequenceRootContainer';
    node.conditions = list(raw.Conditions).map((r, n) => readEntity(r, `${path}-Conditions-${n}`, unknown, 'condition'));
    node.triggers = list(raw.Triggers).map((r, n) => readEntity(r, root ? `GlobalTriggers-${n}` : `${path}-Triggers-${n}`, unknown, 'trigger'));
    node.items = list(raw.Items).map((r, n) => readEntity(r, root ? (['Start', 'Imaging', 'End'][n] ?? `Items-${n}`) : `${path}-Items-${n}`, unknown, 'item-or-container'));
    if (type === 'DeepSkyObjectContainer') {
      const target = node.fields.Target as { name: string } | undefined;
      if (target?.name && !(typeof raw.Name === 'string' && raw.Name)) node.name = target.name;
    }
  }
  return node;
}

function shortName(dollarType: string): string {
  const qualified = dollarType.split(',')[0];
  return qualified.slice(qualified.lastIndexOf('.') + 1);
}

function primitives(raw: Raw): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (STRUCTURAL.has(key) || key.startsWith('$')) continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
  }
  return out;
}

/** The nested settings of a type, flattened into Skygate's fields. */
function settings(type: string, raw: Raw): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (isObject(raw.Target)) {
    const t = raw.Target;
    const coords = coordinatesDeg(t.InputCoordinates);
    const rotation = typeof t.PositionAngle === 'number' ? t.PositionAngle : typeof t.Rotation === 'number' ? t.Rotation : 0;
    out.Target = { name: typeof t.TargetName === 'string' ? t.TargetName : '', raDeg: coords?.raDeg ?? 0, decDeg: coords?.decDeg ?? 0, rotation };
  }
  if (raw.Coordinates !== undefined) out.Coordinates = coordinatesDeg(raw.Coordinates);
  if (isObject(raw.Binning)) out.Binning = { X: Number(raw.Binning.X ?? 1), Y: Number(raw.Binning.Y ?? 1) };
  if ('Filter' in raw) out.Filter = isObject(raw.Filter) ? { name: String(raw.Filter._name ?? ''), position: Number(raw.Filter._position ?? -1) } : null;
  if (isObject(raw.Data)) {
    const d = raw.Data;
    out.Offset = typeof d.Offset === 'number' ? d.Offset : 0;
    if (d.Comparator !== undefined) out.Comparator = d.Comparator;
    if (d.Coordinates !== undefined) out.Coordinates = coordinatesDeg(d.Coordinates);
  }
  if (type === 'TakeExposure' && out.Binning === undefined) out.Binning = { X: 1, Y: 1 };
  return out;
}

function smartExposure(raw: Raw): Record<string, unknown> {
  const out: Record<string, unknown> = { Iterations: 1, CompletedIterations: 0, DitherAfter: 0, Filter: null };
  for (const item of list(raw.Items)) {
    const type = knownType(String(item.$type ?? ''));
    if (type === 'TakeExposure') Object.assign(out, primitives(item), settings(type, item));
    if (type === 'SwitchFilter') out.Filter = settings(type, item).Filter ?? null;
  }
  for (const condition of list(raw.Conditions)) if (knownType(String(condition.$type ?? '')) === 'LoopCondition') out.Iterations = Number(condition.Iterations ?? 1);
  for (const trigger of list(raw.Triggers)) if (knownType(String(trigger.$type ?? '')) === 'DitherAfterExposures') out.DitherAfter = Number(trigger.AfterExposures ?? 0);
  out.CompletedIterations = 0;
  return out;
}
