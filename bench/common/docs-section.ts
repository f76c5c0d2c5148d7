import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BENCHMARKS_DOC = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));

/**
 * Replaces the section headed `heading` (a `## …` line) in docs/benchmarks.md with `text`, or
 * appends it; other sections stay as they are. Creates the file with `intro` if missing.
 */
export function writeDocsSection(heading: string, text: string, intro = '# Benchmarks\n'): void {
  const current = existsSync(BENCHMARKS_DOC) ? readFileSync(BENCHMARKS_DOC, 'utf8') : intro;
  const lines = current.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  let next: string;
  if (start === -1) {
    next = `${current.trimEnd()}\n\n${text}`;
  } else {
    const endOffset = lines.slice(start + 1).findIndex((l) => /^## /.test(l));
    const end = endOffset === -1 ? lines.length : start + 1 + endOffset;
    const after = lines.slice(end).join('\n');
    next = `${lines.slice(0, start).join('\n').trimEnd()}\n\n${text}${after ? `\n${after}` : ''}`;
  }
  writeFileSync(BENCHMARKS_DOC, next.endsWith('\n') ? next : `${next}\n`);
}
