// One ECharts instance on a div: created on mount (SVG renderer: crisp at any zoom, and its marks are DOM nodes),
// given every new option whole, resized with its box, disposed on unmount. Only the chart types this screen
// draws are registered, which keeps the chunk small.
import { LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, type RefObject } from 'react';
import type { ChartOption } from '../chart-options';

use([LineChart, AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export function useEChart(option: ChartOption): RefObject<HTMLDivElement | null> {
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
    // notMerge: a strategy dropped from the data must leave the chart, not linger from the last option.
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return ref;
}
