// Registers only what the active-learning screen draws (lines with marks), so its chunk carries no other chart type,
// and types the shared hook (libs/web/charts) to this screen's options.
import { LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { use } from 'echarts/core';
import type { RefObject } from 'react';
import { useEChart as useSharedEChart } from '@arbiter/web/charts';
import type { ChartOption } from '../chart-options';

use([LineChart, AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export function useEChart(option: ChartOption): RefObject<HTMLDivElement | null> {
  return useSharedEChart(option);
}
