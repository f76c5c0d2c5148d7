/**
 * Polls `probe` until it returns something other than null (events cross NOTIFY and the
 * sequencer asynchronously); fails with `what` after `timeoutMs`.
 */
export async function waitFor<T>(probe: () => Promise<T | null> | T | null, what = 'condition', timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
