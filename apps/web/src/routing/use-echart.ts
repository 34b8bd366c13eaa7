// One ECharts instance on a div, as on the active-learning screen (web features do not import each other, and this
// screen draws scatter points and bars too): created on mount with the SVG renderer, given every new option whole,
// resized with its box, disposed on unmount. The instance is kept on the div for tests that read what it drew.
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, type RefObject } from 'react';
import type { RoutingChartOption } from './routing-chart-options';

use([LineChart, ScatterChart, BarChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function useEChart(option: RoutingChartOption): RefObject<HTMLDivElement | null> {
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
