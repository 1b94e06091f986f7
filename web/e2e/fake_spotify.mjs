// A fake Spotify for the browser test (the C++ suites have their own in
// tests/e2e/fake_spotify.h): the accounts service (/authorize, which the
// browser visits, and /api/token with a real PKCE S256 check) and the Web API
// calls echotune makes, with a player whose state changes as commands come
// in (pause → is_playing false, next → the next track, volume, shuffle,
// repeat, queue, transfer), search, recently played, top, and playlists
// that can be created and filled. 127.0.0.1 on an ephemeral port only.
// Every request is in `calls`; `waitForCall` waits for one.
import { createHash, randomBytes } from 'node:crypto';
import { json, startFake } from './fake_common.mjs';

export const CLIENT_ID = 'e2e-client';
export const PROFILE = { id: 'fake-listener', display_name: 'Fake Listener', email: 'listener@example.test', country: 'SE', product: 'premium' };

const track = (id, name, artist, durationMs = 213_000) => ({
  id,
  name,
  uri: `spotify:track:${id}`,
  duration_ms: durationMs,
  popularity: 70,
  explicit: false,
  artists: [{ id: `artist-${artist.length}`, name: artist }],
  album: { id: `album-${id}`, name: `${name} (single)`, images: [] },
});

// What the player goes through with next/previous.
export const TRACKS = [
  track('fakeTrackVelvet0000001', 'Velvet Morning', 'The Fake Quartet', 245_000),
  track('fakeTrackPaper00000002', 'Paper Lanterns', 'Nora Example'),
  track('fakeTrackNightBus00003', 'Night Bus Home', 'Loopback Choir', 198_000),
];

const DEVICES = [
  { id: 'dev-kitchen', name: 'Kitchen Speaker', type: 'Speaker' },
  { id: 'dev-laptop', name: 'My Laptop', type: 'Computer' },
];

function freshPlayer() {
  return {
    index: 0,
    item: TRACKS[0],
    playing: true,
    progressMs: 61_000,
    since: Date.now(),
    shuffle: false,
    repeat: 'off',
    device: 'dev-kitchen',
    volume: { 'dev-kitchen': 40, 'dev-laptop': 70 },
    queue: [],
  };
}

const b64url = (buf) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const apiError = (res, status, message, reason) => json(res, status, { error: { status, message, ...(reason ? { reason } : {}) } });

export async function startFakeSpotify() {
  const codes = new Map(); // code → {challenge, redirectUri}
  const access = new Set();
  const refresh = new Set();
  let player = freshPlayer();
  const playlists = new Map(); // id → {owner, name, description, public, uris}

  const progress = () => Math.min(player.item.duration_ms, player.progressMs + (player.playing ? Date.now() - player.since : 0));
  const setPlaying = (on) => {
    player.progressMs = progress();
    player.since = Date.now();
    player.playing = on;
  };
  const setTrack = (t, index = player.index) => {
    player.item = t;
    player.index = index;
    player.progressMs = 0;
    player.since = Date.now();
  };
  const devices = () =>
    DEVICES.map((d) => ({ ...d, is_active: d.id === player.device, is_restricted: false, volume_percent: player.volume[d.id] }));
  const playerState = () => ({
    is_playing: player.playing,
    progress_ms: progress(),
    shuffle_state: player.shuffle,
    repeat_state: player.repeat,
    device: devices().find((d) => d.is_active),
    context: null,
    item: player.item,
    currently_playing_type: 'track',
  });
  const named = new Map(); // id → track, for catalogue tracks the test played
  const trackForUri = (uri) => {
    const id = String(uri).split(':').pop();
    return TRACKS.find((t) => t.id === id) ?? named.get(id) ?? track(id, `Track ${id.slice(0, 6)}`, 'Unknown Artist');
  };

  function authorize(call, res) {
    const q = call.query;
    const redirect = q.get('redirect_uri');
    if (q.get('client_id') !== CLIENT_ID || q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !redirect) {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end(`bad authorize request: ${q}`);
      return;
    }
    const code = `code-${randomBytes(8).toString('hex')}`;
    codes.set(code, { challenge: q.get('code_challenge'), redirectUri: redirect });
    const back = new URL(redirect);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.get('state') ?? '');
    res.writeHead(302, { Location: back.toString() });
    res.end();
  }

  function token(call, res) {
    const f = call.body ?? {};
    const invalid = (why) => json(res, 400, { error: 'invalid_grant', error_description: why });
    const issue = (withRefresh) => {
      const a = `access-${randomBytes(6).toString('hex')}`;
      access.add(a);
      const out = { access_token: a, token_type: 'Bearer', expires_in: 3600, scope: 'user-read-private user-modify-playback-state' };
      if (withRefresh) {
        out.refresh_token = `refresh-${randomBytes(6).toString('hex')}`;
        refresh.add(out.refresh_token);
      }
      json(res, 200, out);
    };
    if (f.client_id !== CLIENT_ID) return invalid('unknown client_id');
    if (f.grant_type === 'authorization_code') {
      const c = codes.get(f.code);
      codes.delete(f.code); // single use
      if (!c) return invalid('Invalid authorization code');
      if (c.redirectUri !== f.redirect_uri) return invalid('Invalid redirect URI');
      if (!f.code_verifier || b64url(createHash('sha256').update(f.code_verifier).digest()) !== c.challenge) {
        return invalid('code_verifier was incorrect');
      }
      return issue(true);
    }
    if (f.grant_type === 'refresh_token' && refresh.has(f.refresh_token)) return issue(false);
    return invalid('Invalid refresh token');
  }

  // Player commands answer 204 and change the state.
  function command(call, res) {
    const q = call.query;
    const p = call.path;
    const m = call.method;
    if (m === 'PUT' && p === '/v1/me/player/play') {
      const uris = call.body?.uris;
      if (Array.isArray(uris) && uris.length) setTrack(trackForUri(uris[0]));
      setPlaying(true);
    } else if (m === 'PUT' && p === '/v1/me/player/pause') setPlaying(false);
    else if (m === 'POST' && (p === '/v1/me/player/next' || p === '/v1/me/player/previous')) {
      const queued = p.endsWith('next') ? player.queue.shift() : undefined;
      if (queued) setTrack(queued);
      else {
        const i = (player.index + (p.endsWith('next') ? 1 : TRACKS.length - 1)) % TRACKS.length;
        setTrack(TRACKS[i], i);
      }
    } else if (m === 'PUT' && p === '/v1/me/player/volume') {
      const v = Number(q.get('volume_percent'));
      if (!Number.isInteger(v) || v < 0 || v > 100) return apiError(res, 400, 'Invalid volume');
      player.volume[player.device] = v;
    } else if (m === 'PUT' && p === '/v1/me/player/shuffle') player.shuffle = q.get('state') === 'true';
    else if (m === 'PUT' && p === '/v1/me/player/repeat') {
      if (!['track', 'context', 'off'].includes(q.get('state'))) return apiError(res, 400, 'Invalid repeat state');
      player.repeat = q.get('state');
    } else if (m === 'POST' && p === '/v1/me/player/queue') player.queue.push(trackForUri(q.get('uri')));
    else if (m === 'PUT' && p === '/v1/me/player') {
      const id = call.body?.device_ids?.[0];
      if (!DEVICES.some((d) => d.id === id)) return apiError(res, 404, 'Device not found');
      player.device = id;
      if (call.body.play) setPlaying(true);
    } else return apiError(res, 404, `no such player command: ${m} ${p}`);
    res.writeHead(204);
    res.end();
  }

  function webApi(call, res) {
    const auth = call.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !access.has(auth.slice(7))) return apiError(res, 401, 'Invalid access token');
    const { method: m, path: p, query: q } = call;
    if (m === 'GET') {
      if (p === '/v1/me') return json(res, 200, { ...PROFILE, followers: { href: null, total: 3 }, images: [] });
      if (p === '/v1/me/player') return json(res, 200, playerState());
      if (p === '/v1/me/player/devices') return json(res, 200, { devices: devices() });
      if (p === '/v1/me/player/queue') return json(res, 200, { currently_playing: player.item, queue: player.queue });
      if (p === '/v1/me/player/recently-played') return json(res, 200, { items: [], cursors: null });
      if (p === '/v1/me/top/tracks') return json(res, 200, { items: TRACKS });
      if (p === '/v1/me/top/artists') return json(res, 200, { items: TRACKS.map((t) => ({ ...t.artists[0], genres: ['indie'] })) });
      if (p === '/v1/search') {
        const found = TRACKS.filter((t) => `${t.name} ${t.artists[0].name}`.toLowerCase().includes((q.get('q') ?? '').toLowerCase()));
        return json(res, 200, { tracks: { items: found.length ? found : TRACKS.slice(0, 1), total: found.length || 1 }, playlists: { items: [], total: 0 } });
      }
    }
    if (p.startsWith('/v1/me/player')) return command(call, res);
    const userPlaylists = /^\/v1\/users\/([^/]+)\/playlists$/.exec(p);
    if (m === 'POST' && userPlaylists) {
      if (decodeURIComponent(userPlaylists[1]) !== PROFILE.id) return apiError(res, 403, 'You cannot create a playlist for another user');
      const id = `fakepl${randomBytes(6).toString('hex')}`; // unique across resets, as Spotify's are
      playlists.set(id, { owner: PROFILE.id, name: call.body?.name, description: call.body?.description, public: call.body?.public, uris: [] });
      return json(res, 201, { id, name: call.body?.name, uri: `spotify:playlist:${id}` });
    }
    const tracksOf = /^\/v1\/playlists\/([^/]+)\/tracks$/.exec(p);
    if (m === 'POST' && tracksOf) {
      const pl = playlists.get(tracksOf[1]);
      if (!pl) return apiError(res, 404, 'Playlist not found');
      const uris = call.body?.uris ?? [];
      if (uris.length > 100) return apiError(res, 400, 'At most 100 tracks per request');
      pl.uris.push(...uris);
      return json(res, 201, { snapshot_id: `snap-${pl.uris.length}` });
    }
    return apiError(res, 404, `the fake has no ${m} ${p}`);
  }

  const fake = await startFake('Spotify', (call, res) => {
    if (call.method === 'GET' && call.path === '/authorize') return authorize(call, res);
    if (call.method === 'POST' && call.path === '/api/token') return token(call, res);
    if (call.path.startsWith('/v1/')) return webApi(call, res);
    return apiError(res, 404, `the fake has no ${call.path}`);
  });
  return {
    ...fake,
    playlists,
    // The state a listener sees (also what changes from "another device").
    player: () => ({ ...playerState(), volume_percent: player.volume[player.device], queue: player.queue }),
    // As if the listener picked a track on their phone.
    playElsewhere(index) {
      setTrack(TRACKS[index], index);
      setPlaying(true);
    },
    // What a track of echotune's catalogue is called, for when it is played.
    nameTrack(id, name, artist) {
      named.set(id, track(id, name, artist));
    },
    // Web API commands (not GETs) since call index `since`, as "METHOD /path?query".
    commands(since = 0) {
      return fake.calls.slice(since).filter((c) => c.path.startsWith('/v1/') && c.method !== 'GET').map(fake.line);
    },
    reset() {
      player = freshPlayer();
      playlists.clear();
      fake.calls.length = 0;
    },
  };
}
