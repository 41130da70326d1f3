import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, call, refreshSession, setAccessToken, setSignedOutHandler } from '../api/client';
import type { components } from '../api/schema';

export type Me = components['schemas']['MeView'];
export type Role = Me['role'];

interface AuthState {
  me: Me | null;
  /** true until the first session check (refresh cookie) finishes */
  loading: boolean;
  signIn(login: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  reload(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** Holds the access token in memory only; the refresh token lives in an httpOnly cookie. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const reload = useCallback(async () => {
    setMe(await call(api.GET('/api/auth/me')));
  }, []);

  useEffect(() => {
    setSignedOutHandler(() => setMe(null));
    void (async () => {
      try {
        if (await refreshSession()) await reload();
      } catch {
        setMe(null);
      } finally {
        setLoading(false);
      }
    })();
  }, [reload]);

  const value = useMemo<AuthState>(
    () => ({
      me,
      loading,
      reload,
      async signIn(login, password) {
        const result = await call(api.POST('/api/auth/login', { body: { login, password } }));
        setAccessToken(result.accessToken);
        setMe(result.user);
        return result.user;
      },
      async signOut() {
        try {
          await api.POST('/api/auth/logout', {});
        } finally {
          setAccessToken(null);
          setMe(null);
        }
      },
    }),
    [me, loading, reload],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe on a signed-out page');
  return me;
}
