import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { DemoUser } from '../server/auth/user.ts';
import { api } from './api.ts';

/** The signed-in user (`null` when signed out; `otpPending` while the code is awaited). */
export function useSession() {
  return useQuery({
    queryKey: ['me'],
    queryFn: () => api<{ user: DemoUser | null; otpPending?: boolean }>('/auth/me'),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** Sign in, the one-time code and sign out; each refreshes the session. */
export function useAuthActions() {
  const queryClient = useQueryClient();
  // A different user: forget everything cached, and ask who is signed in now.
  const refresh = () => queryClient.resetQueries();
  return {
    async signIn(email: string, password: string): Promise<{ otpRequired: boolean }> {
      const result = await api<{ otpRequired?: boolean }>('/auth/login', {
        method: 'POST',
        body: { email, password },
      });
      if (!result.otpRequired) await refresh();
      return { otpRequired: result.otpRequired === true };
    },
    async verifyOtp(code: string): Promise<void> {
      await api('/auth/otp', { method: 'POST', body: { code } });
      await refresh();
    },
    async signOut(): Promise<void> {
      await api('/auth/logout', { method: 'POST' });
      await refresh();
    },
  };
}
