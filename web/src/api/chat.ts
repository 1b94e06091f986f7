// The chat API of issue 12 (being built alongside this UI):
//   POST /api/chat/start, POST /api/chat/message {sessionId?, message, stream?}
//   (SSE: token deltas, then a final event with the saved message, provider,
//   model, latency and any action), GET /api/chat/history?sessionId=,
//   GET /api/chat/sessions, DELETE /api/chat/sessions/{id}, GET /api/llm/providers.
// A server without it answers 404 on /api/chat/*: `available()` tells the page.
import { ApiError, errorFrom, get, getToken, send } from './client';

export interface ChatMessage {
  role: 'user' | 'assistant' | 'system';
  content: string;
  provider?: string;
  model?: string;
  timestamp?: string;
  action?: ChatAction;
}

// What a turn did (docs/chat.md): type "recommendations" | "playlist" |
// "spotify"; ok false with a code and summary when it failed.
export interface ChatAction {
  type?: string;
  ok?: boolean;
  code?: string;
  summary?: string;
  command?: string;
  name?: string; // the created playlist's
  playlistId?: string;
  tracks?: { trackId?: string; name: string; artist?: string; uri?: string; reason?: string }[];
  [key: string]: unknown;
}

export interface ChatSession {
  sessionId: string;
  title?: string;
  lastActivity?: string;
  provider?: string;
}

export interface Provider {
  id: string;
  name?: string;
  status?: string;
  isConfigured?: boolean;
  models?: string[];
}

export async function available(): Promise<boolean> {
  try {
    await get<unknown>('/api/chat/sessions');
    return true;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return false;
    throw e;
  }
}

export const listSessions = () => get<ChatSession[]>('/api/chat/sessions');
export const startSession = () => send<{ sessionId: string }>('POST', '/api/chat/start', {});
export const history = (sessionId: string) => get<{ messages: ChatMessage[] } | ChatMessage[]>('/api/chat/history', { sessionId });
export const deleteSession = (id: string) => send<unknown>('DELETE', `/api/chat/sessions/${encodeURIComponent(id)}`);
export const providers = () => get<Provider[] | { providers: Provider[] }>('/api/llm/providers');

export interface StreamHandlers {
  onToken(delta: string): void;
  onFinal(final: { message?: ChatMessage; provider?: string; model?: string; sessionId?: string; action?: ChatAction }): void;
}

interface SseEvent {
  event: string;
  data: string;
}

// Splits an SSE byte stream into events (the field rules of the HTML spec that matter here).
export class SseReader {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  feed(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\n|\r/)) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + (this.buffer.startsWith('\r\n', nl) ? 2 : 1));
      if (line === '') {
        if (this.data.length) out.push({ event: this.event || 'message', data: this.data.join('\n') });
        this.event = '';
        this.data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') this.event = value;
        else if (field === 'data') this.data.push(value);
      }
    }
    return out;
  }
}

const FINAL_EVENTS = new Set(['done', 'final', 'complete', 'end', 'message_end']);

// Interprets one event: a token delta, the final answer, or an error.
export function interpret(e: SseEvent): { delta?: string; final?: Record<string, unknown>; error?: string } {
  let data: unknown = e.data;
  try {
    data = JSON.parse(e.data);
  } catch {
    /* plain text delta */
  }
  if (e.event === 'error') {
    const d = data as { error?: string; message?: string };
    return { error: typeof data === 'string' ? data : d.error ?? d.message ?? 'The assistant failed' };
  }
  if (typeof data === 'string') return FINAL_EVENTS.has(e.event) ? { final: {} } : { delta: data };
  const obj = (data ?? {}) as Record<string, unknown>;
  if (FINAL_EVENTS.has(e.event) || obj.done === true || (typeof obj.message === 'object' && obj.message !== null)) {
    return { final: obj };
  }
  for (const key of ['delta', 'token', 'content', 'text']) {
    if (typeof obj[key] === 'string') return { delta: obj[key] as string };
  }
  return {};
}

// Sends a message with stream: true and feeds the handlers; resolves when the stream ends.
export async function streamMessage(
  body: { sessionId?: string; message: string; provider?: string },
  handlers: StreamHandlers,
  signal?: AbortSignal,
): Promise<void> {
  const token = getToken();
  let res: Response;
  try {
    res = await fetch('/api/chat/message', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'text/event-stream',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ ...body, stream: true }),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', 'Cannot reach the EchoTune server.');
  }
  if (!res.ok) throw await errorFrom(res);
  const type = res.headers.get('Content-Type') ?? '';
  if (!type.includes('text/event-stream') || !res.body) {
    const json = (await res.json()) as { data?: Record<string, unknown> };
    handlers.onFinal((json.data ?? {}) as Parameters<StreamHandlers['onFinal']>[0]);
    return;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const sse = new SseReader();
  let finished = false;
  for (;;) {
    const { value, done } = await reader.read();
    const events = sse.feed(done ? '\n\n' : decoder.decode(value, { stream: true }));
    for (const e of events) {
      const r = interpret(e);
      if (r.error) throw new ApiError(502, 'PROVIDER_UNAVAILABLE', r.error);
      if (r.delta) handlers.onToken(r.delta);
      if (r.final) {
        finished = true;
        handlers.onFinal(r.final as Parameters<StreamHandlers['onFinal']>[0]);
      }
    }
    if (done) break;
  }
  if (!finished) handlers.onFinal({});
}
