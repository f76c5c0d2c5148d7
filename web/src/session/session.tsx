import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, call, setCsrfToken, setSignedIn, setUnauthenticatedHandler } from '../api/client.ts';
import type { components } from '../api/schema.ts';
import { clearAllDrafts } from '../ui/use-draft.ts';

export type Session = components['schemas']['Session'];
export type Role = Session['memberships'][number]['role'];

interface SessionState {
  /** undefined while loading, null when signed out. */
  session: Session | null | undefined;
  /** True when the last session ended by itself (expired) rather than by logout. */
  expired: boolean;
  login(email: string, password: string): Promise<Session>;
  logout(): Promise<void>;
  hasRole(...roles: Role[]): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  const adopt = useCallback((next: Session | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSignedIn(next !== null);
    setSession(next);
  }, []);

  useEffect(() => {
    call(api.GET('/api/v1/auth/session')).then(adopt, () => adopt(null));
    setUnauthenticatedHandler(() => {
      setExpired(true);
      adopt(null);
    });
  }, [adopt]);

  const value = useMemo<SessionState>(
    () => ({
      session,
      expired,
      async login(email, password) {
        const next = await call(api.POST('/api/v1/auth/login', { body: { email, password } }));
        setExpired(false);
        adopt(next);
        return next;
      },
      async logout() {
        await call(api.POST('/api/v1/auth/logout')).catch(() => undefined);
        clearAllDrafts();
        setExpired(false);
        adopt(null);
      },
      hasRole: (...roles) => !!session?.memberships.some((m) => roles.includes(m.role)),
    }),
    [session, expired, adopt],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
