import { useI18n } from '../../i18n/i18n.tsx';
import type { Run } from './use-analysis-run.ts';

/** The server's exports of a finished run: every unit, cell or pixel as CSV, and the spatial ones as GeoJSON. */
export function ExportLinks({ run }: { run: Run }) {
  const { t } = useI18n();
  return (
    <p className="actions">
      <a className="button-link" href={run.links.csv} download>
        {t('analysis.export.csv')}
      </a>
      {run.links.geojson && (
        <a className="button-link" href={run.links.geojson} download>
          {t('analysis.export.geojson')}
        </a>
      )}
    </p>
  );
}
