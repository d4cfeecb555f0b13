import { useEffect, useState } from 'preact/hooks';
import { api, can } from '../api';
import { nina, ninaAction } from '../nina';
import { ActionButton, Card, usePoll } from '../ui';

/** One entity of ninaAPI's sequence/state: names end in _Container, _Condition, _Trigger; settings sit beside them. */
interface SequenceNode {
  Name: string;
  Status: string;
  Items?: SequenceNode[];
  Conditions?: SequenceNode[];
  Triggers?: SequenceNode[];
  Iterations?: number;
  CompletedIterations?: number;
  ExposureTime?: number;
  [key: string]: unknown;
}
type SequenceState = [{ GlobalTriggers: SequenceNode[] }, ...SequenceNode[]];
type Loaded = { state: SequenceState } | { missing: string };

/** While a sequence runs the tree is read every 2 s (exposure counts move); otherwise every 20 s. */
const RUNNING_POLL_MS = 2_000;
const IDLE_POLL_MS = 20_000;
const SUFFIX = /_(Container|Condition|Trigger)$/;

async function loadState(): Promise<Loaded> {
  try {
    return { state: await nina<SequenceState>(api.GET('/v2/api/sequence/state')) };
  } catch (err) {
    // "Sequence is not initialized" (409) until one is loaded.
    return { missing: err instanceof Error ? err.message : String(err) };
  }
}

function anyRunning(nodes: SequenceNode[]): boolean {
  return nodes.some((n) => n.Status === 'RUNNING' || anyRunning([...(n.Items ?? []), ...(n.Conditions ?? [])]));
}

/** Completed/total of an exposure set (a Smart Exposure's iterations) or a loop condition. */
function Progress({ node, name }: { node: SequenceNode; name: string }) {
  const total = Number(node.Iterations);
  const done = Math.min(Number(node.CompletedIterations ?? 0), total);
  return (
    <span class="progress" data-done={done} data-total={total}>
      <progress max={total} value={done} aria-label={`${name}: ${done} of ${total}`} />
      <span class="count">
        {done}/{total}
      </span>
    </span>
  );
}

function SequenceItem({ node, kind }: { node: SequenceNode; kind?: 'condition' | 'trigger' }) {
  const name = node.Name.replace(SUFFIX, '');
  const hasProgress = typeof node.Iterations === 'number' && node.Iterations > 0;
  const children = [...(node.Conditions ?? []).map((c) => [c, 'condition'] as const), ...(node.Triggers ?? []).map((t) => [t, 'trigger'] as const), ...(node.Items ?? []).map((i) => [i, undefined] as const)];
  return (
    <li class={`seq-item ${kind ?? ''}`} data-name={name} data-status={node.Status}>
      <span class={`status s-${node.Status.toLowerCase()}`}>{node.Status.toLowerCase()}</span>
      <span class="seq-name">
        {kind && <span class="muted">{kind === 'condition' ? 'while ' : 'when '}</span>}
        {name}
        {typeof node.ExposureTime === 'number' && <span class="muted"> · {node.ExposureTime} s</span>}
      </span>
      {hasProgress && <Progress node={node} name={name} />}
      {children.length > 0 && (
        <ul>
          {children.map(([child, childKind], n) => (
            <SequenceItem key={`${n}-${child.Name}`} node={child} kind={childKind} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The Sequencer's part of the Automation panel: N.I.N.A.'s sequence/state tree, live while it runs; start/stop/reset with sequence:update. */
export function SequenceSection() {
  const readable = can('sequence', 'read');
  const allowed = can('sequence', 'update');
  const [running, setRunning] = useState(false);
  const { data, reload } = usePoll(
    async () => (readable ? loadState() : undefined),
    running ? RUNNING_POLL_MS : IDLE_POLL_MS,
    // The equipment socket says when a run starts, ends, fails an item or saves a frame.
    (e) => e.source === 'equipment' && (e.name.startsWith('SEQUENCE-') || e.name === 'IMAGE-SAVE'),
  );
  // From the state shown (the newest load), so a late answer cannot flip it back.
  useEffect(() => setRunning(!!data && 'state' in data && anyRunning(data.state.slice(1) as SequenceNode[])), [data]);
  if (!readable) return null;
  const act = (path: '/v2/api/sequence/start' | '/v2/api/sequence/stop' | '/v2/api/sequence/reset') => async () => {
    const failure = await ninaAction(api.GET(path));
    reload();
    return failure;
  };
  const loaded = data && 'state' in data ? data.state : undefined;
  return (
    <Card title="Sequence" full>
      {!data ? (
        <p class="muted">Loading…</p>
      ) : !loaded ? (
        <p class="muted">No sequence is loaded ({data && 'missing' in data ? data.missing : ''}).</p>
      ) : (
        <>
          <p>
            <span class={`pill ${running ? 'good' : ''}`} data-sequence={running ? 'running' : 'idle'}>
              {running ? 'running' : 'not running'}
            </span>
          </p>
          <ul class="seq-tree" aria-label="Sequence tree">
            {loaded[0].GlobalTriggers.map((t, n) => (
              <SequenceItem key={`g${n}`} node={t} kind="trigger" />
            ))}
            {(loaded.slice(1) as SequenceNode[]).map((area, n) => (
              <SequenceItem key={`a${n}`} node={area} />
            ))}
          </ul>
        </>
      )}
      {allowed && loaded && (
        <div class="buttons">
          <ActionButton label="Start sequence" action={act('/v2/api/sequence/start')} disabled={running} />
          <ActionButton label="Stop sequence" kind="danger" action={act('/v2/api/sequence/stop')} disabled={!running} />
          <ActionButton label="Reset sequence" action={act('/v2/api/sequence/reset')} disabled={running} />
        </div>
      )}
    </Card>
  );
}
