import { createSkygateClient, type components } from '@app/sdk';
import { signal } from './store';

export type Principal = components['schemas']['PrincipalDto'];
export type Action = 'read' | 'update';

/** Why the page cannot show data right now; null when all is well. */
export type Trouble = { kind: 'offline' | 'unauthorized' | 'forbidden'; message: string } | null;

const TOKEN_KEY = 'skygate.session';
/** Renew when this share of the token's lifetime has passed (there is no refresh route: log in again). */
const RENEW_AT = 0.8;

interface StoredSession {
  token: string;
  username: string;
  expiresAt: number;
}

export const principal = signal<Principal | null>(null);
export const trouble = signal<Trouble>(null);
/** Set once the first /auth/me answered (or failed for good): the page knows whether to ask for a login. */
export const needsLogin = signal(false);

let session: StoredSession | null = readSession();
/** Kept in memory only (never stored) so the token can be renewed before it expires. */
let password: string | null = null;
let renewTimer: ReturnType<typeof setTimeout> | undefined;

function readSession(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(TOKEN_KEY);
    const parsed = raw ? (JSON.parse(raw) as StoredSession) : null;
    return parsed && parsed.expiresAt > Date.now() ? parsed : null;
  } catch {
    return null;
  }
}

/** The generated SDK client with the session's token on every request. */
export const api = createSkygateClient(location.origin);
api.use({
  onRequest({ request }) {
    if (session) request.headers.set('Authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) lostSession('Your session has ended: please sign in again.');
    else if (response.status === 403) {
      const shown: Trouble = { kind: 'forbidden', message: 'You are not allowed to do that (403).' };
      trouble.set(shown);
      setTimeout(() => trouble.get() === shown && trouble.set(null), 8_000);
    }
    else if (trouble.get()?.kind === 'offline') trouble.set(null);
    return response;
  },
  onError() {
    trouble.set({ kind: 'offline', message: 'Connection to Skygate lost: retrying…' });
  },
});

/** The token for websocket URLs (`?token=`), which cannot carry headers. */
export const socketToken = (): string | undefined => session?.token;

export function can(resource: string, action: Action): boolean {
  const p = principal.get();
  if (!p) return false;
  if (p.isAdmin) return true;
  const actions = [...(p.permissions[resource] ?? []), ...(p.permissions['*'] ?? [])];
  return actions.includes(action) || actions.includes('*');
}

/** The server no longer accepts the session (an API 401, a socket closed with 4401): back to the sign-in form. */
export function lostSession(message: string): void {
  if (!principal.get() && !session) return; // not signed in yet: the login form already shows
  clearSession();
  principal.set(null);
  needsLogin.set(true);
  trouble.set({ kind: 'unauthorized', message });
}

function clearSession(): void {
  session = null;
  clearTimeout(renewTimer);
  sessionStorage.removeItem(TOKEN_KEY);
}

function scheduleRenewal(): void {
  clearTimeout(renewTimer);
  if (!session) return;
  const lifetime = session.expiresAt - Date.now();
  renewTimer = setTimeout(() => {
    if (password && session) void login(session.username, password);
    else lostSession('Your session is about to end: please sign in again.');
  }, Math.max(1_000, lifetime * RENEW_AT));
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Who am I? On this machine the server's loopback rule answers without credentials; from
 * elsewhere, without a token, the answer can only be 401, so the login form shows at once.
 */
export async function loadPrincipal(): Promise<void> {
  if (!session && !LOOPBACK_HOSTS.has(location.hostname)) {
    needsLogin.set(true);
    return;
  }
  try {
    const { data, response } = await api.GET('/auth/me');
    if (data) {
      principal.set(data);
      needsLogin.set(false);
      scheduleRenewal();
    } else if (response.status === 401) {
      clearSession();
      needsLogin.set(true);
    }
  } catch {
    setTimeout(() => void loadPrincipal(), 3_000);
  }
}

/** POST /login; returns an error message or null. */
export async function login(username: string, secret: string): Promise<string | null> {
  const saved = session;
  session = null; // log in without the old token
  let result;
  try {
    result = await api.POST('/login', { body: { username, password: secret } });
  } catch {
    session = saved;
    return 'Skygate cannot be reached.';
  }
  const { data, response } = result;
  if (!data) {
    session = saved;
    if (response.status === 429) return 'Too many failed attempts: wait a few minutes.';
    return response.status === 401 || response.status === 400 ? 'Wrong user name or password.' : `Sign-in failed (${response.status}).`;
  }
  session = { token: data.access_token, username, expiresAt: Date.now() + data.expires_in * 1000 };
  password = secret;
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(session));
  trouble.set(null);
  await loadPrincipal();
  return null;
}

export function logout(): void {
  password = null;
  clearSession();
  principal.set(null);
  needsLogin.set(true);
}

/** An image answer as a data: URL (the CSP allows img-src 'self' data:; the request carries the token). */
export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable image'));
    reader.readAsDataURL(blob);
  });
}
