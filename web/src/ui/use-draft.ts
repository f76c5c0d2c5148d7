import { useEffect, useState } from 'react';

/**
 * Form state kept in sessionStorage: what the user typed survives a failed request, a lost
 * connection or a reload, until `clear()` after a successful save.
 */
const PREFIX = 'alianza.draft.';

/** Forgets every draft (on logout, so the next person in this tab never sees them). */
export function clearAllDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // storage disabled: nothing was kept
  }
}

/** Forgets one draft (e.g. once what it held has been sent). */
export function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(`${PREFIX}${key}`);
  } catch {
    // nothing to clear
  }
}

export function useDraft<T extends object>(key: string, initial: T, persist = true): [T, (next: T) => void, () => void] {
  const storageKey = `${PREFIX}${key}`;
  const [value, setValue] = useState<T>(() => {
    if (!persist) return initial;
    try {
      const saved = sessionStorage.getItem(storageKey);
      return saved ? { ...initial, ...(JSON.parse(saved) as T) } : initial;
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    if (!persist) return;
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      // storage full or disabled: the draft lives in memory only
    }
  }, [storageKey, value, persist]);
  const clear = () => {
    try {
      sessionStorage.removeItem(storageKey);
    } catch {
      // nothing to clear
    }
  };
  return [value, setValue, clear];
}
