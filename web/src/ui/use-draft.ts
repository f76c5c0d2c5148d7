import { useEffect, useState } from 'react';

/**
 * Form state kept in sessionStorage: what the user typed survives a failed request, a lost
 * connection or a reload, until `clear()` after a successful save.
 */
export function useDraft<T extends object>(key: string, initial: T): [T, (next: T) => void, () => void] {
  const storageKey = `alianza.draft.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const saved = sessionStorage.getItem(storageKey);
      return saved ? { ...initial, ...(JSON.parse(saved) as T) } : initial;
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      // storage full or disabled: the draft lives in memory only
    }
  }, [storageKey, value]);
  const clear = () => {
    try {
      sessionStorage.removeItem(storageKey);
    } catch {
      // nothing to clear
    }
  };
  return [value, setValue, clear];
}
