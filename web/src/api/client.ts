import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/**
 * The typed API client, generated from the server's OpenAPI document (src/api/schema.d.ts).
 * The web never builds API URLs by hand: every call goes through `api`.
 */
let accessToken: string | null = null;
let language = 'zh-CN';
let onSignedOut: () => void = () => undefined;

export function setAccessToken(token: string | null) {
  accessToken = token;
}
export function getAccessToken() {
  return accessToken;
}
export function setApiLanguage(lang: string) {
  language = lang;
}
export function setSignedOutHandler(fn: () => void) {
  onSignedOut = fn;
}

/** The server's one error body, whatever the status: the document's `ErrorView` schema. */
export type ApiError = components['schemas']['ErrorView'];

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.message);
  }
}

let refreshing: Promise<boolean> | null = null;

/** Uses the httpOnly refresh cookie to get a new access token; shared by concurrent callers. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const { data } = await api.POST('/api/auth/refresh', {});
      if (data) {
        setAccessToken(data.accessToken);
        return true;
      }
      return false;
    } finally {
      setTimeout(() => (refreshing = null), 0);
    }
  })();
  return refreshing;
}

const auth: Middleware = {
  async onRequest({ request }) {
    if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
    request.headers.set('Accept-Language', language);
    return request;
  },
  async onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && accessToken && !path.startsWith('/api/auth/')) {
      if (await refreshSession()) {
        const retry = request.clone();
        retry.headers.set('Authorization', `Bearer ${accessToken}`);
        return fetch(retry);
      }
      setAccessToken(null);
      onSignedOut();
    }
    return response;
  },
};

export const api = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  credentials: 'same-origin',
  // resolved at call time, so tests and service workers can swap it
  fetch: (request: Request) => globalThis.fetch(request),
});
api.use(auth);

/** Unwraps an openapi-fetch result: returns data or throws ApiFailure with the server's message. */
export async function call<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await promise;
  if (!response.ok) {
    const body = (error ?? {}) as Partial<ApiError>;
    throw new ApiFailure(response.status, {
      code: body.code ?? 'ERROR',
      message: body.message ?? response.statusText,
      fields: body.fields,
    });
  }
  return data as T;
}
