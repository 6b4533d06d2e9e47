export { buildReport, bestGeneratorKeys } from './build-report.ts';
export type { BuildReportOptions } from './build-report.ts';
export { columnMarginals, alignRows } from './marginals.ts';
export type { ColumnMarginal, MarginalGroup } from './marginals.ts';
export { esc } from './html.ts';
