import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The analytics core stays pure: no database, HTTP or file system, so it can be tested and
// benchmarked alone and embedded anywhere (server, worker, browser). Only the CLI reads files.
const SRC = fileURLToPath(new URL('.', import.meta.url));
const FORBIDDEN = [/^node:fs/, /^fs(\/|$)/, /^node:(http|https|http2|net|child_process)$/, /^(http|https|net|child_process)$/, /^fastify/, /^@fastify\//, /^kysely/, /^pg(-|$)/, /^@electric-sql\//, /server\/src/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'cli' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  return importSpecifiers(readFileSync(file, 'utf8'));
}

function importSpecifiers(text: string): string[] {
  const specifiers = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return specifiers.map((m) => m[1] ?? m[2] ?? m[3]!);
}

describe('the analytics package stays pure', () => {
  const files = sourceFiles(SRC);

  it('scans the package sources', () => {
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['kde.ts', 'knox.ts', 'gistar.ts', 'index.ts']));
  });

  it('imports no database, HTTP or file-system module outside the CLI', () => {
    const offending = files.flatMap((file) => importsOf(file).filter((s) => FORBIDDEN.some((f) => f.test(s))).map((s) => `${path.relative(SRC, file)}: ${s}`));
    expect(offending).toEqual([]);
  });

  it('imports only its own files and h3-js', () => {
    const external = files.flatMap((file) => importsOf(file).filter((s) => !s.startsWith('.')));
    expect(new Set(external)).toEqual(new Set(['h3-js']));
  });

  it('has a scanner that would catch a forbidden import', () => {
    const sample = "import { readFileSync } from 'node:fs';\nimport type { Kysely } from 'kysely';\nconst f = await import('fastify');";
    const found = importSpecifiers(sample);
    expect(found).toHaveLength(3);
    expect(found.every((s) => FORBIDDEN.some((f) => f.test(s)))).toBe(true);
  });
});
