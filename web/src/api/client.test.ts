import { describe, expect, it, vi, afterEach } from 'vitest';
import { ApiError, buildUrl, get, getToken, request, setToken } from './client';

function reply(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setToken(null);
});

describe('client', () => {
  it('unwraps the envelope and sends the bearer token', async () => {
    setToken('tok');
    const fetchMock = vi.fn().mockResolvedValue(reply(200, { success: true, data: [1, 2], meta: { total: 2 } }));
    vi.stubGlobal('fetch', fetchMock);
    const r = await request<number[]>('/api/x', { query: { a: 1, b: undefined } });
    expect(r.data).toEqual([1, 2]);
    expect(r.meta.total).toBe(2);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/x?a=1');
    expect(init.headers.Authorization).toBe('Bearer tok');
  });

  it('turns an error envelope into an ApiError naming the field', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(reply(400, {
      success: false, error: 'energyLevel must be between 0 and 1', code: 'VALIDATION_ERROR', details: { field: 'energyLevel' },
    })));
    const err = (await get('/api/user/settings').catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(err.field).toBe('energyLevel');
    expect(err.message).toMatch(/between 0 and 1/);
  });

  it('drops the session on INVALID_TOKEN', async () => {
    setToken('old');
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(reply(401, { success: false, error: 'expired', code: 'INVALID_TOKEN', details: {} })));
    await get('/api/recommendations').catch(() => undefined);
    expect(getToken()).toBeNull();
  });

  it('keeps the session when Spotify is not connected', async () => {
    setToken('tok');
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(reply(401, { success: false, error: 'connect', code: 'SPOTIFY_AUTH_REQUIRED', details: {} })));
    await get('/api/spotify/playback').catch(() => undefined);
    expect(getToken()).toBe('tok');
  });

  it('reports an unreachable server as a message', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const err = (await get('/api/x').catch((e) => e)) as ApiError;
    expect(err.code).toBe('NETWORK_ERROR');
  });

  it('builds query strings without empty values', () => {
    expect(buildUrl('/p', { q: 'a b', x: '', n: 0 })).toBe('/p?q=a+b&n=0');
  });
});
