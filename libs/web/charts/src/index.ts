// The ECharts hook every chart screen shares. Kept out of @arbiter/web/ui, which every screen imports, so only the
// screens that draw charts (loaded on demand) pull in ECharts.
export { useEChart } from './lib/use-echart';
