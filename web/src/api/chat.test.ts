import { describe, expect, it } from 'vitest';
import { interpret, SseReader } from './chat';

describe('SSE reading', () => {
  it('splits events across chunks and line endings', () => {
    const r = new SseReader();
    expect(r.feed('event: token\r\ndata: {"delta":"Hel')).toEqual([]);
    const a = r.feed('lo"}\r\n\r\n: keep-alive\n\ndata: {"delta":" there"}\n\n');
    expect(a).toEqual([
      { event: 'token', data: '{"delta":"Hello"}' },
      { event: 'message', data: '{"delta":" there"}' },
    ]);
  });

  it('interprets deltas, the final event and errors', () => {
    expect(interpret({ event: 'token', data: '{"delta":"Hi"}' })).toEqual({ delta: 'Hi' });
    expect(interpret({ event: 'message', data: '{"token":"x"}' })).toEqual({ delta: 'x' });
    const final = interpret({ event: 'done', data: '{"provider":"mock","model":"m1","message":{"role":"assistant","content":"Hi"}}' });
    expect(final.final).toMatchObject({ provider: 'mock', model: 'm1' });
    expect(interpret({ event: 'message', data: '{"message":{"content":"x"}}' }).final).toBeDefined();
    expect(interpret({ event: 'error', data: '{"error":"all providers down"}' })).toEqual({ error: 'all providers down' });
  });
});
