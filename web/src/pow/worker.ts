import { searchCounter } from './sha256.ts';

/** Searches in slices, reporting progress between them, until a counter is found. */
const SLICE = 50_000;

self.onmessage = (event: MessageEvent<{ challenge: string; bits: number }>) => {
  const { challenge, bits } = event.data;
  for (let start = 0; ; start += SLICE) {
    const found = searchCounter(challenge, bits, start, start + SLICE);
    if (found !== null) {
      self.postMessage({ counter: found });
      return;
    }
    self.postMessage({ tried: start + SLICE });
  }
};
