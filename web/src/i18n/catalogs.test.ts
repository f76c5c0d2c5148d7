import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import en from './messages/en.json';
import es from './messages/es.json';
import pt from './messages/pt.json';

const catalogs = { es, en, pt } as Record<string, Record<string, string>>;
const SRC = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('message catalogs', () => {
  it('have exactly the same keys in es, en and pt', () => {
    const keys = (c: Record<string, string>) => Object.keys(c).sort();
    expect(keys(catalogs.en!)).toEqual(keys(catalogs.es!));
    expect(keys(catalogs.pt!)).toEqual(keys(catalogs.es!));
  });

  it('contain only non-empty messages that parse as ICU MessageFormat', () => {
    for (const [locale, catalog] of Object.entries(catalogs)) {
      for (const [key, message] of Object.entries(catalog)) {
        expect(message.trim(), `${locale}:${key}`).not.toBe('');
        expect(() => new IntlMessageFormat(message, locale), `${locale}:${key}`).not.toThrow();
      }
    }
  });

  it('cover every key the app uses, including keys built from a prefix', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const [, key] of text.matchAll(/\bt\(\s*'([^']+)'/g)) if (!(key! in catalogs.es!)) missing.push(`${path.relative(SRC, file)}: ${key}`);
      for (const [, key] of text.matchAll(/\blabel: '([a-z]+\.[A-Za-z.]+)'/g)) if (!(key! in catalogs.es!)) missing.push(`${path.relative(SRC, file)}: ${key}`);
      for (const [, prefix] of text.matchAll(/\bt\(\s*`([a-zA-Z.]+)\.\$\{/g)) {
        if (!Object.keys(catalogs.es!).some((k) => k.startsWith(`${prefix}.`))) missing.push(`${path.relative(SRC, file)}: ${prefix}.*`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('format plurals per language', () => {
    const format = (locale: string, count: number) => new IntlMessageFormat(catalogs[locale]!['notes.count']!, locale).format({ count });
    expect(format('es', 1)).toBe('1 nota visible');
    expect(format('en', 2500)).toBe('2,500 visible notes');
    expect(format('pt', 2500)).toBe('2.500 notas visíveis');
  });
});
