import { NinaError } from '@app/equipment';
import type { SequenceEntity, SequenceTree } from '../model/sequence-entity';

const invalid = () => new NinaError('Invalid path', 400);

/**
 * ninaAPI's sequence/edit: "Imaging-Items-0-Items-0-ExposureTime" walks from a root area through
 * lists (Items, Conditions, Triggers) by index to a simple setting, and sets it from the text.
 */
export function editSequence(tree: SequenceTree, path: string, value: string): void {
  const parts = path.split('-');
  const roots: Record<string, SequenceEntity | SequenceEntity[]> = { GlobalTriggers: tree.globalTriggers, Start: tree.start, Imaging: tree.targets, End: tree.end };
  let position: SequenceEntity | SequenceEntity[] | undefined = roots[parts[0]];
  if (!position || parts.length < 2) throw invalid();
  for (const part of parts.slice(1, -1)) {
    if (Array.isArray(position)) {
      position = /^\d+$/.test(part) ? position[Number(part)] : undefined;
    } else if (part === 'Items' || part === 'Conditions' || part === 'Triggers') {
      position = position[part.toLowerCase() as 'items' | 'conditions' | 'triggers'];
    } else {
      position = undefined;
    }
    if (!position) throw invalid();
  }
  if (Array.isArray(position)) throw invalid();
  const key = parts[parts.length - 1];
  if (key === 'Name') {
    position.name = value;
    return;
  }
  const current = position.fields[key];
  if (!(key in position.fields) || (current !== null && typeof current === 'object')) throw invalid();
  position.fields[key] = convert(value, current);
}

function convert(value: string, current: unknown): unknown {
  if (typeof current === 'number') {
    const n = Number(value);
    if (!Number.isFinite(n)) throw new NinaError(`"${value}" is not a number`, 400);
    return n;
  }
  if (typeof current === 'boolean') {
    if (!/^(true|false)$/i.test(value)) throw new NinaError(`"${value}" is not true or false`, 400);
    return value.toLowerCase() === 'true';
  }
  return value;
}
