import { useEffect, useState } from 'react';
import type { components } from '../../api/schema.ts';

export type ImportRun = components['schemas']['Import'];
const ENDED = new Set(['completed', 'failed', 'cancelled']);

/**
 * Follows one import through its Server-Sent Events stream: the latest state after every
 * batch, until it ends (the server then closes the stream; the browser would otherwise retry).
 */
export function useImportProgress(initial: ImportRun | null, locale: string): ImportRun | null {
  const [run, setRun] = useState(initial);
  useEffect(() => setRun(initial), [initial]);
  const id = initial?.id;
  const ended = initial ? ENDED.has(initial.state) : true;
  useEffect(() => {
    if (!id || ended) return;
    const source = new EventSource(`/api/v1/imports/${id}/stream?lang=${encodeURIComponent(locale)}`);
    source.addEventListener('progress', (e) => {
      const next = JSON.parse((e as MessageEvent<string>).data) as ImportRun;
      setRun(next);
      if (ENDED.has(next.state)) source.close();
    });
    return () => source.close();
  }, [id, ended, locale]);
  return run;
}

export const isRunning = (run: ImportRun) => !ENDED.has(run.state);
