import { vi } from 'vitest';

type Handler = (url: string, init: RequestInit) => { status?: number; body: unknown } | undefined;

// A fetch double for component tests: routes by "METHOD /path", records calls.
export function mockApi(routes: Record<string, Handler>) {
  const calls: { method: string; url: string; body?: unknown }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = init.method ?? 'GET';
    const path = url.split('?')[0];
    calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const route = routes[`${method} ${path}`];
    const out = route?.(url, init);
    if (!out) return new Response(JSON.stringify({ success: false, error: `No route for ${path}`, code: 'NOT_FOUND', details: {} }), { status: 404 });
    return new Response(JSON.stringify(out.body), { status: out.status ?? 200, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}
