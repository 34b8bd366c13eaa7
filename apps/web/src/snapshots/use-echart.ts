// Registers only what the snapshots screen draws (stacked bars), so its chunk carries no other chart type, and types
// the shared hook (libs/web/charts) to this screen's options.
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { use } from 'echarts/core';
import type { RefObject } from 'react';
import { useEChart as useSharedEChart } from '@arbiter/web/charts';
import type { SnapshotChartOption } from './snapshot-chart-options';

use([BarChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function useEChart(option: SnapshotChartOption): RefObject<HTMLDivElement | null> {
  return useSharedEChart(option);
}
