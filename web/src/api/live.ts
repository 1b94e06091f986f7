// Live events over Socket.IO (issue 13): now_playing, recommendation_update,
// provider_health. The stock socket.io-client is loaded only when the server
// has /socket.io/ (a probe first); without it the UI works without live updates.
import type { Socket } from 'socket.io-client';
import { getToken } from './client';

export type LiveEvent = 'now_playing' | 'recommendation_update' | 'provider_health' | 'queue_update';
type Listener = (payload: unknown) => void;

const listeners = new Map<LiveEvent, Set<Listener>>();
let socket: Socket | null = null;
let starting: Promise<boolean> | null = null;
let statusListener: ((connected: boolean) => void) | null = null;

export function onLiveStatus(l: ((connected: boolean) => void) | null) {
  statusListener = l;
}

export function subscribe(event: LiveEvent, listener: Listener): () => void {
  if (!listeners.has(event)) listeners.set(event, new Set());
  listeners.get(event)!.add(listener);
  return () => listeners.get(event)?.delete(listener);
}

export function emit(event: string, payload?: unknown) {
  socket?.emit(event, payload);
}

// Connects once per token; resolves false when the server has no Socket.IO.
export function startLive(): Promise<boolean> {
  if (starting) return starting;
  starting = (async () => {
    const token = getToken();
    if (!token) return false;
    try {
      const probe = await fetch('/socket.io/?EIO=4&transport=polling&t=probe', { headers: { Accept: '*/*' } });
      if (probe.status === 404) return false;
    } catch {
      return false;
    }
    const { io } = await import('socket.io-client');
    socket = io({ auth: { token }, reconnectionDelayMax: 10000 });
    socket.on('connect', () => {
      statusListener?.(true);
      socket?.emit('subscribe_now_playing');
    });
    socket.on('disconnect', () => statusListener?.(false));
    for (const name of ['now_playing', 'recommendation_update', 'provider_health', 'queue_update'] as LiveEvent[]) {
      socket.on(name, (payload: unknown) => listeners.get(name)?.forEach((l) => l(payload)));
    }
    return true;
  })();
  return starting;
}

export function stopLive() {
  socket?.disconnect();
  socket = null;
  starting = null;
}
