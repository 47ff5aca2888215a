import { useQuery } from '@tanstack/react-query';

/** The signed-in person as App Service Authentication reports them (`/.auth/me`), with the dashboard's role. */
export interface Session {
  name: string;
  role: 'viewer' | 'operator' | undefined;
}

interface AuthMe {
  provider_name: string;
  user_id: string;
  user_claims?: { typ: string; val: string }[];
}

/** Read `/.auth/me`: undefined when nobody is signed in. */
async function fetchSession(): Promise<Session | null> {
  const response = await fetch('/.auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (response.status === 401 || response.status === 404) return null;
  if (!response.ok) throw new Error(`Sign-in status unavailable (${response.status}).`);
  const [me] = (await response.json()) as AuthMe[];
  if (!me) return null;
  const claims = me.user_claims ?? [];
  const roles = new Set(claims.filter((c) => c.typ === 'roles' || c.typ.endsWith('/role')).map((c) => c.val));
  const name = claims.find((c) => c.typ === 'name')?.val ?? me.user_id;
  return { name, role: roles.has('mlcycle.operator') ? 'operator' : roles.has('mlcycle.viewer') ? 'viewer' : undefined };
}

/** The session, shared by every page. */
export function useSession() {
  return useQuery({ queryKey: ['session'], queryFn: fetchSession, staleTime: 60_000 });
}

/** Where signing in starts, coming back to the current page afterwards. */
export function signInUrl(): string {
  return `/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(location.pathname + location.search)}`;
}

/** Where signing out starts. */
export function signOutUrl(): string {
  return `/.auth/logout?post_logout_redirect_uri=${encodeURIComponent('/api/ui/')}`;
}
