// Play and Queue buttons of one track (recommendation and chat cards), shown
// only to a listener with Spotify connected. `say` gets the outcome as a
// sentence ("Playing “X”.", or the API's error message).
import { player } from '../api/endpoints';
import { useSpotifyConnected } from '../api/spotifyStatus';

// Catalogue track ids are Spotify track ids.
export const trackUri = (t: { trackId?: string; uri?: string }) => t.uri ?? (t.trackId ? `spotify:track:${t.trackId}` : undefined);

export function PlayQueue({ track, say }: { track: { trackId?: string; uri?: string; name: string }; say: (message: string) => void }) {
  const connected = useSpotifyConnected();
  const uri = trackUri(track);
  if (!connected || !uri) return null;
  const act = (what: 'play' | 'queue') => async () => {
    try {
      await (what === 'play' ? player.playTracks([uri]) : player.queue(uri));
      say(what === 'play' ? `Playing “${track.name}”.` : `Queued “${track.name}”.`);
    } catch (e) {
      say((e as Error).message);
    }
  };
  return (
    <span className="t-actions">
      <button type="button" aria-label={`Play ${track.name}`} onClick={act('play')}>Play</button>
      <button type="button" aria-label={`Queue ${track.name}`} onClick={act('queue')}>Queue</button>
    </span>
  );
}
