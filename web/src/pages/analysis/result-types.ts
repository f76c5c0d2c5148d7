import type { components } from '../../api/schema.ts';
import type { AnalysisResult } from './use-analysis-run.ts';

export type GridResult = components['schemas']['GridCountsResult'];
export type H3Result = components['schemas']['H3CountsResult'];
export type KdeResult = components['schemas']['KdeResult'];
export type HotspotResult = components['schemas']['HotspotResult'];
export type KnoxResult = components['schemas']['KnoxResult'];
export type TrendResult = components['schemas']['TrendResult'];

/** The result's own schema, told by its statistic (the union's members share that field's type). */
export const asCounts = (r: AnalysisResult) => (r.statistic === 'grid' || r.statistic === 'h3' ? (r as GridResult | H3Result) : null);
export const asHotspots = (r: AnalysisResult) => (r.statistic === 'gistar' || r.statistic === 'moran' ? (r as HotspotResult) : null);
export const asKde = (r: AnalysisResult) => (r.statistic === 'kde' ? (r as KdeResult) : null);
export const asKnox = (r: AnalysisResult) => (r.statistic === 'knox' ? (r as KnoxResult) : null);
export const asTrends = (r: AnalysisResult) => (r.statistic === 'trends' ? (r as TrendResult) : null);
export const isSpatial = (r: AnalysisResult) => r.statistic !== 'knox' && r.statistic !== 'trends';
