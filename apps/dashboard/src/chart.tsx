import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface SeriesSpec {
  label: string;
  fill?: boolean;
}

/** The page's theme (html[data-theme]), followed as it changes. */
function useTheme(): string | undefined {
  const [theme, setTheme] = useState(document.documentElement.dataset.theme);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(document.documentElement.dataset.theme));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}

/** Whether the user zoomed the time axis in (uPlot's drag to zoom) rather than seeing all the data. */
function isZoomed(u: uPlot): boolean {
  const [times] = u.data;
  const { min, max } = u.scales.x;
  return times.length > 1 && min !== undefined && max !== undefined && (min > times[0] || max < times[times.length - 1]);
}

/** A uPlot chart that follows its container's width; colours come from the theme's CSS variables. */
export function Chart({ label, data, series, xTime = true, height = 180 }: { label: string; data: number[][]; series: SeriesSpec[]; xTime?: boolean; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const theme = useTheme();

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const style = getComputedStyle(document.documentElement);
    const colours = [style.getPropertyValue('--accent').trim() || '#6aa0ff', style.getPropertyValue('--accent-2').trim() || '#f0a040', style.getPropertyValue('--accent-3').trim() || '#60c080'];
    const axis = { stroke: style.getPropertyValue('--muted').trim() || '#888', grid: { stroke: style.getPropertyValue('--grid').trim() || '#333' } };
    plot.current = new uPlot(
      {
        width: element.clientWidth || 300,
        height,
        scales: { x: { time: xTime } },
        axes: [axis, axis],
        legend: { show: series.length > 1 },
        // data-zoomed tells tests (and styles) whether a zoom is in force.
        hooks: { setScale: [(u, key) => void (key === 'x' && (element.dataset.zoomed = String(isZoomed(u))))] },
        series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: colours[i % colours.length], width: 1.5, fill: s.fill ? `${colours[i % colours.length]}40` : undefined }))],
      },
      data as uPlot.AlignedData,
      element,
    );
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: element.clientWidth, height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [series.length, xTime, height, theme]); // the colours are the theme's: a new theme draws anew

  useEffect(() => {
    const current = plot.current;
    if (!current) return;
    // New data keeps a zoom the user chose (drag to zoom); double-click resets it as usual.
    current.setData(data as uPlot.AlignedData, !isZoomed(current));
  }, [data]);

  return <div class="chart" ref={host} role="img" aria-label={label} />;
}
