import { useI18n } from '../../i18n/i18n.tsx';
import type { Run } from './use-analysis-run.ts';

/** Where a run is: a progress bar and Cancel while it computes, then its outcome or its (localized) error. */
export function RunProgress({ run, onCancel }: { run: Run; onCancel: () => void }) {
  const { t } = useI18n();
  const active = run.status === 'queued' || run.status === 'running';
  const percent = Math.round(run.progress.fraction * 100);
  const restricted = run.restricted.AMBER + run.restricted['AMBER+STRICT'] + run.restricted.RED;
  return (
    <div className="analysis-run" aria-live="polite" data-status={run.status}>
      <p>
        <strong>{t(`analysis.kinds.${run.statistic}`)}</strong> · <span>{t(`analysis.status.${run.status}`)}</span>
        {run.incidents > 0 && <span> · {t('analysis.incidents', { count: run.incidents })}</span>}
        {restricted > 0 && <span className="hint"> · {t('analysis.restricted', { count: restricted })}</span>}
      </p>
      {active && (
        <>
          <progress max={100} value={percent} aria-label={t('analysis.progress')}>
            {percent} %
          </progress>
          <p className="hint">{t('analysis.stage', { stage: t(`analysis.stages.${run.progress.stage}`), percent })}</p>
          <button type="button" onClick={onCancel}>
            {t('analysis.cancel')}
          </button>
        </>
      )}
      {run.error && (
        <div role="alert" className="notice notice-error">
          <p>{run.error.message}</p>
        </div>
      )}
      {run.projection && run.status === 'succeeded' && <p className="hint">{t('analysis.projection', { name: run.projection.name })}</p>}
    </div>
  );
}
