import { useCallback, useState } from 'react';
import { ApiError } from '../api/client.ts';

/**
 * State of a form's request: busy while it runs, the error it failed with (shown with its field
 * messages and, for a lost connection, a retry), cleared when it runs again.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, []);
  const fieldErrors: Record<string, string> = error instanceof ApiError ? error.fieldErrors() : {};
  return { busy, error, setError, run, fieldErrors };
}
