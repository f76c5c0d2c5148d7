import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';
import type { RunRequest } from './analysis-query.ts';

export type Run = components['schemas']['AnalysisRun'];
export type AnalysisResult = components['schemas']['AnalysisResult'];

const finished = (run: Run) => run.status !== 'queued' && run.status !== 'running';

export interface RunState {
  run: Run | null;
  result: AnalysisResult | null;
  /** A refused request (400 with field details, 429, …) or a lost connection. */
  error: unknown;
  starting: boolean;
  cancel(): Promise<void>;
}

/**
 * Starts a run for `request` whenever `key` changes (a new address or a new "run" click),
 * follows its progress on the Server-Sent Events stream and loads the result when it ends.
 * Leaving (unmount or a new run) closes the stream, which cancels a run still computing.
 */
export function useAnalysisRun(request: RunRequest | null, key: string): RunState {
  const [run, setRun] = useState<Run | null>(null);
  const [result, setResult] = useState<AnalysisResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    setRun(null);
    setResult(null);
    setError(null);
    if (!request) return;
    let left = false;
    let source: EventSource | null = null;
    // The run again through the API client: its error message comes in the app's language.
    const conclude = async (id: string) => {
      const last = await call(api.GET('/api/v1/analytics/runs/{id}', { params: { path: { id } } }));
      if (left) return;
      setRun(last);
      if (last.status !== 'succeeded') return;
      const data = await call(api.GET('/api/v1/analytics/runs/{id}/result', { params: { path: { id } } }));
      if (!left) setResult(data);
    };
    const fail = (err: unknown) => !left && setError(err);
    setStarting(true);
    call(api.POST('/api/v1/analytics/runs', { body: request }))
      .then((created) => {
        if (left) return void call(api.DELETE('/api/v1/analytics/runs/{id}', { params: { path: { id: created.id } } })).catch(() => {});
        setRun(created);
        source = new EventSource(created.links.stream);
        const update = (event: Event) => {
          const next = JSON.parse((event as MessageEvent<string>).data) as Run;
          setRun(next);
          if (finished(next)) {
            source?.close();
            conclude(next.id).catch(fail);
          }
        };
        source.addEventListener('progress', update);
        source.addEventListener('done', update);
      }, fail)
      .finally(() => !left && setStarting(false));
    return () => {
      left = true;
      source?.close();
    };
    // the request is rebuilt on every render; `key` says when it really changed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const cancel = useCallback(async () => {
    if (!run || finished(run)) return;
    try {
      setRun(await call(api.DELETE('/api/v1/analytics/runs/{id}', { params: { path: { id: run.id } } })));
    } catch (err) {
      setError(err);
    }
  }, [run]);

  return { run, result, error, starting, cancel };
}
