// Registers only what the routing dashboard draws (lines, scatter points, bars), so its chunk carries no other chart
// type, and types the shared hook (libs/web/charts) to this screen's options.
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { use } from 'echarts/core';
import type { RefObject } from 'react';
import { useEChart as useSharedEChart } from '@arbiter/web/charts';
import type { RoutingChartOption } from './routing-chart-options';

use([LineChart, ScatterChart, BarChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function useEChart(option: RoutingChartOption): RefObject<HTMLDivElement | null> {
  return useSharedEChart(option);
}
