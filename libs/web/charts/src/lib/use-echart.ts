// One ECharts instance on a div: created on mount with the SVG renderer (crisp at any zoom, and its marks are DOM
// nodes tests can read), given every new option whole (`notMerge`: a series dropped from the data leaves the chart
// rather than lingering from the last option), resized with its box, disposed on unmount. The caller registers the
// chart types and components it draws (`use([...])` from echarts/core beside its chart), so each screen's chunk
// carries only those.
import { init, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef, type RefObject } from 'react';

export function useEChart(option: EChartsCoreOption): RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement | null>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = init(el, null, { renderer: 'svg' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  // Declared after the effect that creates the chart, so on mount it runs second and finds it.
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return ref;
}
