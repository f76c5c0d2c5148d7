import { lazy, Suspense } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { ExportLinks } from './ExportLinks.tsx';
import { KnoxTable } from './KnoxTable.tsx';
import { MapLegend } from './MapLegend.tsx';
import { asKnox, asTrends, isSpatial } from './result-types.ts';
import { TrendView } from './TrendView.tsx';
import type { AnalysisResult, Run } from './use-analysis-run.ts';

// MapLibre is loaded only when there is a map to show.
const AnalysisMap = lazy(() => import('./AnalysisMap.tsx'));

/** A finished run's views: map and legend, Knox table or trends, with their exports. */
export function ResultView({ run, result }: { run: Run; result: AnalysisResult }) {
  const { t } = useI18n();
  const fileName = `alianza-${run.statistic}-${run.createdAt.slice(0, 10)}-${run.id.slice(0, 8)}`;
  const knox = asKnox(result);
  const trends = asTrends(result);
  return (
    <section aria-labelledby="result-title" className="analysis-result">
      <h2 id="result-title">{t('analysis.result', { kind: t(`analysis.kinds.${run.statistic}`) })}</h2>
      <ExportLinks run={run} />
      {isSpatial(result) && (
        <div className="map-and-legend">
          <Suspense fallback={<p className="loading">{t('status.loading')}</p>}>
            <AnalysisMap run={run} result={result} fileName={fileName} />
          </Suspense>
          <MapLegend result={result} />
        </div>
      )}
      {knox && <KnoxTable result={knox} />}
      {trends && <TrendView result={trends} fileName={fileName} />}
    </section>
  );
}
