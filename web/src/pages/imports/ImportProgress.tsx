import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { isRunning, type ImportRun } from './use-import-progress.ts';

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** One import: a progress bar with rows/s and the time left while it runs, then its outcome and error report. */
export function ImportProgress({ run, onChange }: { run: ImportRun; onChange?: () => void }) {
  const { t, formatNumber } = useI18n();
  const percent = run.fileBytes > 0 ? Math.round((100 * run.bytesRead) / run.fileBytes) : 0;
  const c = run.counts;
  async function cancel() {
    await call(api.POST('/api/v1/imports/{id}/cancel', { params: { path: { id: run.id } } })).catch(() => {});
    onChange?.();
  }
  return (
    <div className="import-run" aria-live="polite">
      <p>
        <strong>{run.fileName}</strong> <span className="hint">({run.profileName})</span> · <span data-state={run.state}>{t(`imports.state.${run.state}`)}</span>
      </p>
      {isRunning(run) && (
        <>
          <progress max={100} value={percent} aria-label={t('imports.progress')}>{percent} %</progress>
          <p className="hint">
            {t('imports.running', { percent, rows: formatNumber(c.records), rate: formatNumber(run.rowsPerSecond ?? 0), eta: run.etaSeconds === null ? '–' : clock(run.etaSeconds) })}
          </p>
          {!run.cancelRequested && (
            <button type="button" onClick={() => void cancel()}>
              {t('imports.cancel')}
            </button>
          )}
        </>
      )}
      {!isRunning(run) && run.state !== 'failed' && (
        <p className="import-outcome">
          {t('imports.outcome', { records: formatNumber(c.records), imported: formatNumber(c.imported), updated: formatNumber(c.updated), unchanged: formatNumber(c.unchanged), rejected: formatNumber(c.rejected) })}
        </p>
      )}
      {run.failure && (
        <div role="alert" className="notice notice-error">
          <p>{run.failure.message}</p>
          <ul>
            {run.failure.details.map((d, i) => (
              <li key={i}>{d.message}</li>
            ))}
          </ul>
        </div>
      )}
      {c.rejected > 0 && (
        <a href={`/api/v1/imports/${run.id}/errors.csv`} download>
          {t('imports.errorReport', { rejected: formatNumber(c.rejected) })}
        </a>
      )}
    </div>
  );
}
