import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface SeriesSpec {
  label: string;
  fill?: boolean;
}

/** A uPlot chart that follows its container's width; colours come from the theme's CSS variables. */
export function Chart({ label, data, series, xTime = true, height = 180 }: { label: string; data: number[][]; series: SeriesSpec[]; xTime?: boolean; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

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
  }, [series.length, xTime, height]);

  useEffect(() => {
    const current = plot.current;
    if (!current) return;
    // New data keeps a zoom the user chose (drag to zoom); double-click resets it as usual.
    const [times] = current.data;
    const { min, max } = current.scales.x;
    const zoomed = times.length > 1 && min !== undefined && max !== undefined && (min > times[0] || max < times[times.length - 1]);
    current.setData(data as uPlot.AlignedData, !zoomed);
  }, [data]);

  return <div class="chart" ref={host} role="img" aria-label={label} />;
}
