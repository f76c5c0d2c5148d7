import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorNotice } from '../../ui/controls.tsx';
import { defaultQuery, fieldErrorsOf, parseQuery, queryString, toRequest, type AnalysisQuery } from './analysis-query.ts';
import { FilterPanel } from './FilterPanel.tsx';
import { ResultView } from './ResultView.tsx';
import { RunProgress } from './RunProgress.tsx';
import { ShareLink } from './ShareLink.tsx';
import { useAnalysisRun } from './use-analysis-run.ts';

/**
 * The analyst workspace. The analysis lives in the address: running writes the form into the
 * query string, and an address with an analysis in it runs that analysis, so a shared or
 * reloaded link shows the same view (computed again for whoever opens it, with their access).
 */
export function AnalysisPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const address = params.toString();
  const submitted = useMemo(() => parseQuery(new URLSearchParams(address)), [address]);
  const [draft, setDraft] = useState<AnalysisQuery>(() => submitted ?? defaultQuery());
  const [attempt, setAttempt] = useState(0);
  // an address opened or reached by back/forward shows its analysis in the form
  useEffect(() => {
    if (submitted) setDraft(submitted);
  }, [submitted]);
  const key = submitted ? `${queryString(submitted)}#${attempt}` : '';
  const state = useAnalysisRun(submitted ? toRequest(submitted) : null, key);
  const apiError = state.error instanceof ApiError ? state.error : null;
  const errors = submitted && apiError ? fieldErrorsOf(submitted.kind, apiError.body?.details ?? []) : { fields: {}, other: [] };

  const run = () => {
    const next = queryString(draft);
    if (submitted && next === queryString(submitted)) setAttempt((a) => a + 1);
    else navigate({ search: `?${next}` });
  };

  return (
    <section aria-labelledby="analysis-title" className="analysis">
      <h1 id="analysis-title">{t('analysis.title')}</h1>
      <p className="hint">{t('analysis.help')}</p>
      <div className="analysis-layout">
        <FilterPanel value={draft} onChange={setDraft} onSubmit={run} errors={errors} busy={state.starting} />
        <div className="analysis-output">
          {submitted && <ShareLink />}
          <ErrorNotice error={state.error} />
          {state.starting && <p className="loading">{t('analysis.starting')}</p>}
          {state.run && <RunProgress run={state.run} onCancel={() => void state.cancel()} />}
          {state.run && state.result && <ResultView run={state.run} result={state.result} />}
          {!submitted && <p className="hint">{t('analysis.empty')}</p>}
        </div>
      </div>
    </section>
  );
}
