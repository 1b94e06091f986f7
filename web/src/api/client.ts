// The HTTP client of the web UI: the API's envelope ({success, data, meta} or
// {success: false, error, code, details}) unwrapped into values and ApiError.
// The EchoTune JWT is kept in localStorage (client-side, as the issue asks).

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly details: Record<string, unknown>;
  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.field = typeof details.field === 'string' ? details.field : undefined;
  }
  // The session itself is bad: sign in again.
  get isAuth(): boolean {
    return this.code === 'MISSING_TOKEN' || this.code === 'INVALID_TOKEN' || this.code === 'TOKEN_EXPIRED';
  }
}

export interface Envelope<T> {
  data: T;
  meta: Record<string, unknown>;
}

const TOKEN_KEY = 'echotune.token';
let token: string | null = readToken();
const listeners = new Set<(signedIn: boolean) => void>();

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function getToken(): string | null {
  return token;
}

export function setToken(next: string | null): void {
  token = next;
  try {
    if (next) localStorage.setItem(TOKEN_KEY, next);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    /* private mode: keep it in memory */
  }
  listeners.forEach((l) => l(next !== null));
}

export function onAuthChange(listener: (signedIn: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function headers(body: unknown): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

export async function errorFrom(res: Response): Promise<ApiError> {
  let parsed: { error?: unknown; code?: unknown; details?: unknown } | null = null;
  try {
    parsed = await res.json();
  } catch {
    parsed = null;
  }
  const code = typeof parsed?.code === 'string' ? parsed.code : `HTTP_${res.status}`;
  const message =
    typeof parsed?.error === 'string' ? parsed.error : `The server answered ${res.status} ${res.statusText}`.trim();
  const details = parsed?.details && typeof parsed.details === 'object' ? (parsed.details as Record<string, unknown>) : {};
  const err = new ApiError(res.status, code, message, details);
  if (err.isAuth && token) setToken(null);
  return err;
}

// A request in the envelope. Network failures become ApiError NETWORK_ERROR.
export async function request<T>(path: string, options: RequestOptions = {}): Promise<Envelope<T>> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers: headers(options.body),
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', 'Cannot reach the EchoTune server. Check that it is running.');
  }
  if (!res.ok) throw await errorFrom(res);
  const body = (await res.json()) as { data: T; meta?: Record<string, unknown> };
  return { data: body.data, meta: body.meta ?? {} };
}

export async function get<T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal): Promise<T> {
  return (await request<T>(path, { query, signal })).data;
}

export async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await request<T>(path, { method, body })).data;
}

// A file download (not in the envelope), e.g. the analytics export.
export async function download(path: string): Promise<{ blob: Blob; filename: string }> {
  let res: Response;
  try {
    res = await fetch(path, { headers: headers(undefined) });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Cannot reach the EchoTune server.');
  }
  if (!res.ok) throw await errorFrom(res);
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const match = /filename="([^"]+)"/.exec(disposition);
  return { blob: await res.blob(), filename: match ? match[1] : 'echotune-export.json' };
}
