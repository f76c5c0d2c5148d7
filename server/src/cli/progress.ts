/** Progress of a long command on stderr: a redrawn bar on a terminal, a line every few seconds otherwise. */
export interface ProgressOutput {
  write(text: string): void;
  isTTY?: boolean;
  columns?: number;
}

const clock = (seconds: number) => {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : String(m)}:${String(r).padStart(2, '0')}`;
};
const n = (v: number) => Math.round(v).toLocaleString('en');

export class ProgressBar {
  private last = 0;
  private readonly started: number;

  constructor(
    private readonly out: ProgressOutput,
    private readonly totalBytes: number,
    private readonly now: () => number = () => Date.now(),
    private readonly plainEveryMs = 5000,
  ) {
    this.started = now();
  }

  /** The line for a state: percent of the file read, rows, rows/s and the time left. */
  describe(bytesRead: number, rows: number): string {
    const elapsed = Math.max(1e-3, (this.now() - this.started) / 1000);
    const fraction = this.totalBytes > 0 ? Math.min(1, bytesRead / this.totalBytes) : 0;
    const eta = fraction > 0 ? (elapsed * (1 - fraction)) / fraction : Number.POSITIVE_INFINITY;
    return `${(fraction * 100).toFixed(0).padStart(3)}% ${n(rows)} rows ${n(rows / elapsed)} rows/s ETA ${clock(eta)}`;
  }

  update(bytesRead: number, rows: number, force = false): void {
    const t = this.now();
    if (this.out.isTTY) {
      if (!force && t - this.last < 200) return;
      this.last = t;
      const text = this.describe(bytesRead, rows);
      const width = Math.max(10, Math.min(40, (this.out.columns ?? 80) - text.length - 4));
      const fraction = this.totalBytes > 0 ? Math.min(1, bytesRead / this.totalBytes) : 0;
      const filled = Math.round(fraction * width);
      this.out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\x1b[K`);
    } else if (force || t - this.last >= this.plainEveryMs) {
      this.last = t;
      this.out.write(`progress: ${this.describe(bytesRead, rows)}\n`);
    }
  }

  /** Ends the bar's line on a terminal. */
  done(): void {
    if (this.out.isTTY) this.out.write('\n');
  }
}
