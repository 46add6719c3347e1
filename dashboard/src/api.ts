/**
 * The hub's REST API from the same origin. The bearer token lives in sessionStorage (gone with the tab);
 * a 401 sends the user back to the login page instead of failing silently.
 */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly body: unknown) {
    super(message);
  }
}

const TOKEN = 'onegrid.token';

export function token(): string | null {
  return sessionStorage.getItem(TOKEN);
}

export function setToken(t: string | null): void {
  if (t) sessionStorage.setItem(TOKEN, t);
  else sessionStorage.removeItem(TOKEN);
}

let onUnauthorized: () => void = () => {};

export function whenUnauthorized(f: () => void): void {
  onUnauthorized = f;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { message: text };
  }
  if (!res.ok) {
    const e = (json ?? {}) as { error?: string; code?: string; message?: string };
    if (res.status === 401 && path !== '/api/auth/login') {
      setToken(null);
      onUnauthorized();
    }
    throw new ApiError(res.status, e.error ?? e.code ?? String(res.status), e.message ?? res.statusText, json);
  }
  return json as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
