import { useEffect, useState } from 'preact/hooks';
import type { components, operations } from '@app/sdk';
import { api, blobToDataUrl, can } from '../api';
import type { LiveEvent } from '../sockets';
import { ActionButton, Badge, Card, Fields, time, usePoll } from '../ui';

type Asset = components['schemas']['SyncAssetDto'];
type AssetType = NonNullable<NonNullable<operations['listSyncAssets']['parameters']['query']>['type']>;

/** An asset's file as a data: URL, fetched with the session's credentials. */
function useAssetImage(asset: Asset | undefined): string | undefined {
  const [url, setUrl] = useState<string | undefined>();
  useEffect(() => {
    if (!asset) return;
    let current = true;
    void api
      .GET('/sync/assets/{assetId}/file', { params: { path: { assetId: asset.id } }, parseAs: 'blob' })
      .then(async ({ data }) => {
        if (data && current) setUrl(await blobToDataUrl(data as Blob));
      });
    return () => {
      current = false;
    };
  }, [asset?.id]);
  return url;
}

function AssetImage({ asset, label }: { asset: Asset | undefined; label: string }) {
  const url = useAssetImage(asset);
  if (!asset) return <p class="muted">No {label.toLowerCase()} yet.</p>;
  return (
    <figure>
      {url ? <img src={url} alt={`${label} ${time(asset.createDate)}`} data-asset-id={asset.id} /> : <div class="placeholder">Loading…</div>}
      <figcaption>{time(asset.createDate)}</figcaption>
    </figure>
  );
}

/**
 * New uploads arrive as `sync.received` on /allsky/events (sync:read); the poll is only the
 * fallback for a dropped socket, so it can be slow.
 */
const FALLBACK_POLL_MS = 60_000;
const uploaded =
  (type: AssetType) =>
  (event: LiveEvent, payload: unknown): boolean =>
    event.name === 'sync.received' && (payload as { type?: string } | null)?.type === type;

async function newest(type: AssetType): Promise<Asset | null> {
  const { data } = await api.GET('/sync/assets', { params: { query: { type, pageSize: 1 } } });
  return data?.items[0] ?? null;
}

function ServiceControl() {
  const { data: status, reload } = usePoll(async () => (await api.GET('/allsky/status')).data, 10_000, (e) => e.name.startsWith('allsky.'));
  const state = status?.service.state;
  const allowed = can('allsky', 'update');
  const act = (path: '/allsky/start' | '/allsky/stopallsky' | '/allsky/restart') => async () => {
    const { response } = await api.POST(path);
    reload();
    return response.ok ? undefined : `failed (${response.status})`;
  };
  return (
    <Card title="Capture service">
      <Fields
        rows={[
          ['State', <Badge on={state === 'active'} yes={state ?? ''} no={state ?? 'unknown'} />],
          ['Unit', status?.service.unit],
          ['Manager', status?.service.manager],
        ]}
      />
      {allowed && (
        <div class="buttons">
          <ActionButton label="Start" action={act('/allsky/start')} disabled={state === 'active'} />
          <ActionButton label="Stop" kind="danger" action={act('/allsky/stopallsky')} disabled={state !== 'active'} />
          <ActionButton label="Restart" action={act('/allsky/restart')} />
        </div>
      )}
    </Card>
  );
}

/** Allsky: the newest image (live: a new upload shows at once), the night's keogram and startrail, the capture service. */
export function AllskyPanel() {
  const { data: latest } = usePoll(() => newest('image'), FALLBACK_POLL_MS, uploaded('image'));
  const { data: keogram } = usePoll(() => newest('keogram'), FALLBACK_POLL_MS, uploaded('keogram'));
  const { data: startrail } = usePoll(() => newest('startrail'), FALLBACK_POLL_MS, uploaded('startrail'));
  return (
    <div class="grid">
      <Card title="Latest image" wide>
        <AssetImage asset={latest ?? undefined} label="Image" />
        {latest && (
          <Fields
            rows={[
              ['Exposure', latest.metadata.exposure !== undefined ? `${String(latest.metadata.exposure)} s` : undefined],
              ['Stars', latest.metadata.stars as number | undefined],
              ['Night', latest.night ? 'yes' : 'no'],
            ]}
          />
        )}
      </Card>
      <ServiceControl />
      <Card title="Keogram" wide>
        <AssetImage asset={keogram ?? undefined} label="Keogram" />
      </Card>
      <Card title="Startrail">
        <AssetImage asset={startrail ?? undefined} label="Startrail" />
      </Card>
    </div>
  );
}
