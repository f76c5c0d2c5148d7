import { IntlMessageFormat } from 'intl-messageformat';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import en from './messages/en.json';
import es from './messages/es.json';
import pt from './messages/pt.json';

export const LOCALES = ['es', 'en', 'pt'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof es;

export const CATALOGS: Record<Locale, Record<MessageKey, string>> = { es, en, pt };
const STORAGE_KEY = 'alianza.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

const compiled = new Map<string, IntlMessageFormat>();

/** Formats an ICU MessageFormat message of the catalog. */
export function format(locale: Locale, key: MessageKey, values?: Record<string, string | number | Date>): string {
  const cacheKey = `${locale}:${key}`;
  let message = compiled.get(cacheKey);
  if (!message) {
    message = new IntlMessageFormat(CATALOGS[locale][key] ?? key, locale);
    compiled.set(cacheKey, message);
  }
  return String(message.format(values));
}

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, values?: Record<string, string | number | Date>): string;
  formatDate(value: string | Date, style?: 'date' | 'datetime'): string;
  formatNumber(value: number): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ initial, children }: { initial: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initial);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  const value = useMemo<I18n>(() => {
    document.documentElement.lang = locale;
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const numberFormat = new Intl.NumberFormat(locale);
    return {
      locale,
      setLocale,
      t: (key, values) => format(locale, key, values),
      formatDate: (v, style = 'datetime') => (style === 'date' ? dateFormat : dateTimeFormat).format(new Date(v)),
      formatNumber: (n) => numberFormat.format(n),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
