// Whether the signed-in listener has Spotify connected, as the now-playing bar
// learns it from /api/spotify/playback. Track cards show Play/Queue only then
// (a demo listener without Spotify would only get errors from them).
import { useSyncExternalStore } from 'react';

let connected = false;
const listeners = new Set<() => void>();

export function setSpotifyConnected(on: boolean) {
  if (on === connected) return;
  connected = on;
  listeners.forEach((l) => l());
}

export function useSpotifyConnected(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => connected,
  );
}
