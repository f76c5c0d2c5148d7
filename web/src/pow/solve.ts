import { searchCounter } from './sha256.ts';

/**
 * Finds the counter of a proof-of-work challenge off the main thread (a Web Worker), or, where
 * workers are unavailable, on it in short slices that let the page repaint between them.
 */
export function solveChallenge(challenge: string, bits: number): Promise<number> {
  if (typeof Worker !== 'undefined') {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (event: MessageEvent<{ counter?: number }>) => {
        if (event.data.counter === undefined) return;
        worker.terminate();
        resolve(event.data.counter);
      };
      worker.onerror = (event) => {
        worker.terminate();
        event.preventDefault();
        resolveInSlices(challenge, bits).then(resolve, reject);
      };
      worker.postMessage({ challenge, bits });
    });
  }
  return resolveInSlices(challenge, bits);
}

async function resolveInSlices(challenge: string, bits: number): Promise<number> {
  const SLICE = 20_000;
  for (let start = 0; ; start += SLICE) {
    const found = searchCounter(challenge, bits, start, start + SLICE);
    if (found !== null) return found;
    await new Promise((r) => setTimeout(r, 0));
  }
}
