/**
 * The sequence tree as Skygate holds it: one node type for containers, instructions,
 * conditions and triggers (N.I.N.A.'s ISequenceContainer / ISequenceItem / ISequenceCondition /
 * ISequenceTrigger), with the settings read from N.I.N.A.'s JSON in `fields`.
 */

/** N.I.N.A.'s SequenceEntityStatus, written with ToString() on the wire. */
export const SEQUENCE_STATUSES = ['CREATED', 'RUNNING', 'FINISHED', 'FAILED', 'SKIPPED', 'DISABLED'] as const;
export type SequenceStatus = (typeof SEQUENCE_STATUSES)[number];

export type EntityKind = 'container' | 'item' | 'condition' | 'trigger';

export interface SequenceEntity {
  kind: EntityKind;
  /** N.I.N.A.'s class name (TakeExposure, DeepSkyObjectContainer ...), or the whole $type of an unknown one. */
  type: string;
  /** The display name (a container's own name, a target's name, or N.I.N.A.'s English label). */
  name: string;
  status: SequenceStatus;
  /** Settings and live values: ExposureTime, Iterations, CompletedIterations, Target ... */
  fields: Record<string, unknown>;
  items: SequenceEntity[];
  conditions: SequenceEntity[];
  triggers: SequenceEntity[];
  /** Set on an entity whose $type Skygate does not know; it never runs (DISABLED). */
  unknown?: boolean;
}

/** A loaded sequence: the root's global triggers and the Start, Targets and End areas. */
export interface SequenceTree {
  name: string;
  globalTriggers: SequenceEntity[];
  start: SequenceEntity;
  targets: SequenceEntity;
  end: SequenceEntity;
}

export interface TargetCoordinates {
  name: string;
  raDeg: number;
  decDeg: number;
  rotation: number;
}

export function entity(kind: EntityKind, type: string, name: string, fields: Record<string, unknown> = {}): SequenceEntity {
  return { kind, type, name, status: 'CREATED', fields, items: [], conditions: [], triggers: [] };
}

export function areas(tree: SequenceTree): SequenceEntity[] {
  return [tree.start, tree.targets, tree.end];
}

/** Every entity below (and including) the given ones, depth first. */
export function* walk(nodes: SequenceEntity[]): Generator<SequenceEntity> {
  for (const node of nodes) {
    yield node;
    yield* walk(node.conditions);
    yield* walk(node.triggers);
    yield* walk(node.items);
  }
}

export function allEntities(tree: SequenceTree): SequenceEntity[] {
  return [...walk(tree.globalTriggers), ...walk(areas(tree))];
}

/** Back to CREATED, counters cleared (N.I.N.A.'s ResetAll); unknown entities stay DISABLED. */
export function resetEntities(nodes: SequenceEntity[]): void {
  for (const node of walk(nodes)) {
    node.status = node.unknown ? 'DISABLED' : 'CREATED';
    if ('CompletedIterations' in node.fields) node.fields.CompletedIterations = 0;
    if ('ProgressExposures' in node.fields) node.fields.ProgressExposures = 0;
  }
}

export function targetOf(container: SequenceEntity): TargetCoordinates | null {
  const t = container.fields.Target as TargetCoordinates | undefined;
  return t ?? null;
}
