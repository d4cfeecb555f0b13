import { useEffect, useRef, useState } from 'preact/hooks';
import { api, blobToDataUrl } from '../api';
import { Chart } from '../chart';
import { nina } from '../nina';
import { Card, Fields, fmt } from '../ui';

interface Statistics {
  Stars: number;
  HFR: number;
  Median: number;
  Mean: number;
  StDev: number;
  Min: number;
  Max: number;
}

async function imageUrl(call: Promise<{ data?: unknown }>): Promise<string | undefined> {
  const { data } = await call;
  return data instanceof Blob ? blobToDataUrl(data) : undefined;
}

/** Brightness histogram of the shown (stretched) preview, 64 bins, from its pixels. */
function histogramOf(image: HTMLImageElement): [number[], number[]] {
  const canvas = document.createElement('canvas');
  canvas.width = Math.min(image.naturalWidth, 512);
  canvas.height = Math.round((image.naturalHeight / image.naturalWidth) * canvas.width) || 1;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const bins = Array.from({ length: 64 }, () => 0);
  if (!context) return [bins.map((_, i) => i * 4), bins];
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 0; i < pixels.length; i += 4) bins[(pixels[i] * 0.299 + pixels[i + 1] * 0.587 + pixels[i + 2] * 0.114) >> 2]++;
  return [bins.map((_, i) => i * 4), bins.map((n) => Math.log10(n + 1))];
}

/** Exposure, gain and filter; the saved image thumbnail first, then a screen-sized preview, its statistics and histogram. */
export function CaptureCard({ filters, canAct }: { filters: { Name: string; Id: number }[]; canAct: boolean }) {
  const [duration, setDuration] = useState(1);
  const [gain, setGain] = useState(100);
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [preview, setPreview] = useState<string>();
  const [stats, setStats] = useState<Statistics>();
  const [histogram, setHistogram] = useState<[number[], number[]]>();
  const imageRef = useRef<HTMLImageElement>(null);

  const showImage = async (index: number) => {
    const thumbnail = await imageUrl(api.GET('/v2/api/image/thumbnail/{index}', { params: { path: { index } }, parseAs: 'blob' }));
    if (thumbnail) setPreview(thumbnail);
    const full = await imageUrl(api.GET('/v2/api/image/{index}', { params: { path: { index }, query: { stream: true, resize: true, size: '1280x1024', quality: 85 } }, parseAs: 'blob' }));
    if (full) setPreview(full);
  };

  // The last saved image, when there is one, so the card is not empty after a reload.
  useEffect(() => {
    void nina<number>(api.GET('/v2/api/image-history', { params: { query: { count: true } } })).then(
      async (count) => {
        if (count <= 0) return;
        setStats(await nina<Statistics[]>(api.GET('/v2/api/image-history', { params: { query: { index: count - 1 } } })).then((list) => list[0]));
        await showImage(count - 1);
      },
      () => undefined,
    );
  }, []);

  const capture = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      if (filter !== '') await nina(api.GET('/v2/api/equipment/filterwheel/change-filter', { params: { query: { filterId: Number(filter) } } }));
      await nina(api.GET('/v2/api/equipment/camera/capture', { params: { query: { duration, gain, waitForResult: true, omitImage: true } } }));
      setStats(await nina<Statistics>(api.GET('/v2/api/equipment/camera/capture/statistics')));
      const count = await nina<number>(api.GET('/v2/api/image-history', { params: { query: { count: true } } }));
      await showImage(count - 1);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Capture" wide>
      {canAct && (
        <form class="inline-form" onSubmit={capture} aria-label="Capture">
          <label>
            Exposure (s)
            <input type="number" min="0" step="0.1" value={duration} onInput={(e) => setDuration(Number(e.currentTarget.value))} />
          </label>
          <label>
            Gain
            <input type="number" min="0" step="1" value={gain} onInput={(e) => setGain(Number(e.currentTarget.value))} />
          </label>
          {filters.length > 0 && (
            <label>
              Filter
              <select value={filter} onChange={(e) => setFilter(e.currentTarget.value)}>
                <option value="">(unchanged)</option>
                {filters.map((f) => (
                  <option key={f.Id} value={String(f.Id)}>
                    {f.Name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" disabled={busy} aria-label="Start capture">
            {busy ? 'Capturing…' : 'Capture'}
          </button>
        </form>
      )}
      {error && (
        <p class="note error" role="alert">
          {error}
        </p>
      )}
      <div class="capture-result">
        {preview ? (
          <img ref={imageRef} src={preview} alt="Last captured image" class="capture-image" onLoad={() => imageRef.current && setHistogram(histogramOf(imageRef.current))} />
        ) : (
          <p class="muted">No image captured yet.</p>
        )}
        <div>
          {stats && (
            <Fields
              rows={[
                ['HFR', fmt(stats.HFR, 2)],
                ['Stars', stats.Stars],
                ['Mean', fmt(stats.Mean, 0)],
                ['Median', stats.Median],
                ['StDev', fmt(stats.StDev, 1)],
                ['Min / Max', `${stats.Min} / ${stats.Max}`],
              ]}
            />
          )}
          {histogram && <Chart label="Histogram (preview brightness, log scale)" data={histogram} series={[{ label: 'pixels (log10)', fill: true }]} xTime={false} height={140} />}
        </div>
      </div>
    </Card>
  );
}
