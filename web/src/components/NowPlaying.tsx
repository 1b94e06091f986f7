// The now-playing bar for users who connected Spotify: shown only when
// /api/spotify/playback answers (a demo user without Spotify gets
// SPOTIFY_AUTH_REQUIRED, and the bar stays hidden). Live `now_playing`
// events update it when the server has Socket.IO; otherwise it polls slowly
// (the Spotify routes are rate-limited).
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { Device, Playback, player } from '../api/endpoints';
import { subscribe } from '../api/live';
import { setSpotifyConnected } from '../api/spotifyStatus';

// The volume is sent once the slider rests this long (dragging would otherwise
// send a Spotify call per pixel; the Spotify routes are rate-limited).
export const VOLUME_SETTLE_MS = 300;

// Icons drawn inline (no icon font or emoji font needed).
const PATHS: Record<string, string> = {
  prev: 'M6 5h2v14H6zM20 5v14L9 12z',
  next: 'M16 5h2v14h-2zM4 5v14l11-7z',
  play: 'M7 4v16l13-8z',
  pause: 'M6 4h4v16H6zM14 4h4v16h-4z',
  shuffle: 'M4 7h3l9 10h4M4 17h3l2.5-2.8M13.5 9.8 16 7h4M18 5l2 2-2 2M18 15l2 2-2 2',
  repeat: 'M5 12V9a2 2 0 0 1 2-2h11M15 4l3 3-3 3M19 12v3a2 2 0 0 1-2 2H6M9 20l-3-3 3-3',
};
function Icon({ name }: { name: keyof typeof PATHS }) {
  const stroke = name === 'shuffle' || name === 'repeat';
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill={stroke ? 'none' : 'currentColor'} stroke={stroke ? 'currentColor' : 'none'} strokeWidth={2} />
    </svg>
  );
}

const fmt = (ms = 0) => `${Math.floor(ms / 60000)}:${String(Math.floor((ms % 60000) / 1000)).padStart(2, '0')}`;

export function NowPlaying() {
  const [state, setPlayback] = useState<Playback | null>(null);
  const receivedAt = useRef(0); // when `state` came: progress moves on from there while playing
  const [, setNow] = useState(0);
  const setState = (p: Playback) => {
    receivedAt.current = Date.now();
    setPlayback(p);
  };
  const [hidden, setHidden] = useState(true);
  const [devices, setDevices] = useState<Device[]>([]);
  const [error, setError] = useState('');
  const [volume, setVolume] = useState<number | null>(null); // moved by the listener, not yet confirmed
  const volumeTimer = useRef<number>();

  useEffect(() => {
    let stop = false;
    const load = () =>
      player
        .playback()
        .then((p) => {
          if (stop) return;
          setState(p);
          setHidden(false);
          setSpotifyConnected(true);
        })
        .catch((e: ApiError) => {
          if (!stop && (e.code === 'SPOTIFY_AUTH_REQUIRED' || e.status === 401 || e.status === 404 || e.status === 503)) {
            setHidden(true);
            setSpotifyConnected(false);
          }
        });
    load();
    const t = window.setInterval(load, 30000);
    const off = subscribe('now_playing', (p) => {
      setState(p as Playback);
      setHidden(false);
      setSpotifyConnected(true);
    });
    return () => {
      stop = true;
      window.clearInterval(t);
      window.clearTimeout(volumeTimer.current);
      off();
      setSpotifyConnected(false);
    };
  }, []);

  const playing = !hidden && !!state?.isPlaying;
  useEffect(() => {
    if (!playing) return;
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, [playing]);

  if (hidden || !state) return null;
  const run = (f: () => Promise<unknown>) => () => {
    setError('');
    return f().then(() => player.playback().then(setState)).catch((e: Error) => setError(e.message));
  };
  const moveVolume = (v: number) => {
    setVolume(v);
    window.clearTimeout(volumeTimer.current);
    volumeTimer.current = window.setTimeout(() => {
      void run(() => player.volume(v))().finally(() => setVolume((cur) => (cur === v ? null : cur)));
    }, VOLUME_SETTLE_MS);
  };
  const track = state.track;
  const progressMs = Math.min(track?.durationMs ?? Infinity, (state.progressMs ?? 0) + (state.isPlaying ? Date.now() - receivedAt.current : 0));
  return (
    <footer className="nowplaying" aria-label="Now playing">
      <div className="np-track">
        {track ? (
          <>
            <div className="np-line">
              <span className="np-title"><span className="t-name">{track.name}</span> <span className="muted">— {track.artist}</span></span>
              <span className="np-time muted">{fmt(progressMs)} / {fmt(track.durationMs ?? 0)}</span>
            </div>
            <progress max={track.durationMs ?? 1} value={progressMs} aria-label={`${fmt(progressMs)} of ${fmt(track.durationMs ?? 0)}`} />
          </>
        ) : (
          <span className="muted">Nothing playing</span>
        )}
      </div>
      <div className="np-controls">
        <button type="button" className="icon" aria-label="Previous" onClick={run(player.previous)}><Icon name="prev" /></button>
        <button type="button" className="icon" aria-label={state.isPlaying ? 'Pause' : 'Play'} onClick={run(state.isPlaying ? player.pause : player.play)}>
          <Icon name={state.isPlaying ? 'pause' : 'play'} />
        </button>
        <button type="button" className="icon" aria-label="Next" onClick={run(player.skip)}><Icon name="next" /></button>
        <button type="button" className="icon" aria-label="Shuffle" aria-pressed={!!state.shuffle} onClick={run(() => player.shuffle(!state.shuffle))}><Icon name="shuffle" /></button>
        <button type="button" className="icon" aria-label={`Repeat: ${state.repeat ?? 'off'}`}
          onClick={run(() => player.repeat(state.repeat === 'off' ? 'context' : state.repeat === 'context' ? 'track' : 'off'))}><Icon name="repeat" /></button>
        <input type="range" min={0} max={100} aria-label="Volume" value={volume ?? state.device?.volumePercent ?? 50}
          onChange={(e) => moveVolume(Number(e.target.value))} />
        <select aria-label="Device" value={state.device?.id ?? ''}
          onFocus={() => player.devices().then((d) => setDevices(d.devices)).catch(() => undefined)}
          onChange={(e) => run(() => player.transfer(e.target.value))()}>
          {state.device && <option value={state.device.id}>{state.device.name}</option>}
          {devices.filter((d) => d.id !== state.device?.id).map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </select>
      </div>
      {error && <p className="np-error" role="alert">{error}</p>}
    </footer>
  );
}
