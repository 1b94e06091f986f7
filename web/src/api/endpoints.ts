// Typed calls of the EchoTune REST API used by the pages (shapes: docs/api.md).
import { get, request, send, download } from './client';

export interface User {
  id?: string;
  _id?: string;
  spotifyId?: string;
  displayName?: string;
  display_name?: string;
}

export interface SignIn {
  token: string;
  user: User;
}

export const STRATEGIES = ['hybrid', 'collaborative', 'content', 'semantic', 'mood_based', 'popular'] as const;
export const MOODS = ['energetic', 'chill', 'happy', 'melancholy', 'focus', 'study', 'workout', 'party', 'sleep', 'romantic'] as const;
export const PERIODS = ['7d', '30d', '90d', 'all'] as const;
export type Period = (typeof PERIODS)[number];

export interface RecTrack {
  trackId: string;
  name: string;
  artist: string;
  album?: string;
  score: number;
  strategy: string;
  reason: string;
  parts?: Record<string, number>;
  audioFeatures?: Record<string, number>;
}

export interface RecsQuery {
  strategy?: string;
  mood?: string;
  target_energy?: number;
  target_valence?: number;
  limit?: number;
}

export interface RecsMeta {
  strategy?: string;
  recommendationId?: string;
  coldStart?: boolean;
  cached?: boolean;
  total?: number;
}

export async function getRecommendations(q: RecsQuery, signal?: AbortSignal): Promise<{ tracks: RecTrack[]; meta: RecsMeta }> {
  const res = await request<RecTrack[]>('/api/recommendations', { query: { limit: 20, ...q }, signal });
  return { tracks: res.data, meta: res.meta as RecsMeta };
}

export type FeedbackAction = 'like' | 'dislike' | 'save';
export function sendFeedback(trackId: string, action: FeedbackAction, recommendationId?: string) {
  return send<unknown>('POST', '/api/recommendations/feedback', { trackId, action, recommendationId });
}

export interface PlaylistTrack {
  trackId: string;
  name: string;
  artist: string;
  position?: number;
}

export interface Playlist {
  _id: string;
  name: string;
  description?: string;
  tracks?: PlaylistTrack[];
  trackCount?: number;
  playlist_type?: string;
  spotifyPlaylistId?: string;
  createdAt?: string;
  generation_parameters?: { mood?: string; activity?: string; genres?: string[]; originalPrompt?: string };
}

export function generatePlaylist(prompt: string, trackCount?: number) {
  return send<Playlist>('POST', '/api/playlists/generate', { prompt, trackCount });
}

export async function listPlaylists(signal?: AbortSignal): Promise<Playlist[]> {
  return get<Playlist[]>('/api/playlists', { limit: 50 }, signal);
}

export function searchPlaylists(q: string, signal?: AbortSignal) {
  return get<Playlist[]>('/api/playlists/search', { q }, signal);
}

export function getPlaylist(id: string, signal?: AbortSignal) {
  return get<Playlist>(`/api/playlists/${encodeURIComponent(id)}`, undefined, signal);
}

export interface PlaylistPatch {
  name?: string;
  description?: string;
  remove?: string[];
  move?: { from: number; to: number };
}

export function patchPlaylist(id: string, patch: PlaylistPatch) {
  return send<Playlist>('PATCH', `/api/playlists/${encodeURIComponent(id)}`, patch);
}

export function sendPlaylistToSpotify(id: string) {
  return send<{ saved: boolean; spotifyPlaylistId?: string }>('POST', `/api/playlists/${encodeURIComponent(id)}/spotify`);
}

export interface TopArtist { artist: string; playCount: number; percentage: number; totalMs: number }
export interface TopTrack { trackId: string; trackName: string; artist: string; playCount: number; percentage: number }
export interface TopGenre { genre: string; playCount: number; percentage: number }
export interface DayTotal { date: string; plays: number; totalMs: number }
export interface ListeningTime {
  period: string;
  plays: number;
  totalMs: number;
  sessions: number;
  averageSessionMs: number;
  days?: DayTotal[];
}
export interface EnergyDay { day: string; weekday: number; averageEnergy: number | null; plays: number }

export const analytics = {
  topArtists: (period: Period, signal?: AbortSignal) => get<TopArtist[]>('/api/analytics/top-artists', { period, limit: 10 }, signal),
  topTracks: (period: Period, signal?: AbortSignal) => get<TopTrack[]>('/api/analytics/top-tracks', { period, limit: 10 }, signal),
  topGenres: (period: Period, signal?: AbortSignal) => get<TopGenre[]>('/api/analytics/top-genres', { period, limit: 10 }, signal),
  listeningTime: (period: Period, signal?: AbortSignal) => get<ListeningTime>('/api/analytics/listening-time', { period }, signal),
  energyTrend: (period: Period, signal?: AbortSignal) => get<EnergyDay[]>('/api/analytics/energy-trend', { period }, signal),
  exportData: () => download('/api/analytics/export'),
};

export interface Preferences {
  llmProvider?: string;
  llmModel?: string;
  favoriteGenres?: string[];
  dislikedGenres?: string[];
  energyLevel?: number;
  explicitContent?: boolean;
  recommendationStrategy?: string;
  diversityWeight?: number;
  theme?: 'dark' | 'light';
  language?: string;
  emailNotifications?: boolean;
}

export const LLM_PROVIDERS = ['gemini', 'openai', 'openrouter', 'anthropic', 'mock'] as const;
export const PREFERRED_STRATEGIES = ['hybrid', 'collaborative', 'content', 'semantic', 'mood_based'] as const;

export function getSettings(signal?: AbortSignal) {
  return get<Preferences>('/api/user/settings', undefined, signal);
}

export function patchSettings(patch: Preferences) {
  return send<Preferences>('PATCH', '/api/user/settings', patch);
}

export function redeemLoginCode(code: string) {
  return send<SignIn>('POST', '/auth/link', { code });
}

export function spotifyLoginUrl() {
  return get<{ authUrl: string; state: string }>('/auth/login');
}

export function completeSpotifyLogin(code: string, state: string) {
  return get<SignIn>('/auth/callback', { code, state });
}

export interface Playback {
  isPlaying: boolean;
  progressMs?: number;
  shuffle?: boolean;
  repeat?: string;
  device?: { id: string; name: string; volumePercent?: number } | null;
  track?: { trackId: string; name: string; artist: string; durationMs?: number; imageUrl?: string } | null;
}

export interface Device { id: string; name: string; type: string; isActive: boolean; volumePercent?: number }

export const player = {
  playback: (signal?: AbortSignal) => get<Playback>('/api/spotify/playback', undefined, signal),
  devices: () => get<{ devices: Device[] }>('/api/spotify/devices'),
  play: () => send<unknown>('POST', '/api/spotify/play', {}), // resume where playback was (no uris)
  playTracks: (uris: string[]) => send<unknown>('POST', '/api/spotify/play', { uris }),
  queue: (uri: string) => send<unknown>('POST', '/api/spotify/queue', { uri }),
  pause: () => send<unknown>('POST', '/api/spotify/pause'),
  skip: () => send<unknown>('POST', '/api/spotify/skip'),
  previous: () => send<unknown>('POST', '/api/spotify/previous'),
  volume: (percent: number) => send<unknown>('POST', '/api/spotify/volume', { percent }),
  shuffle: (state: boolean) => send<unknown>('POST', '/api/spotify/shuffle', { state }),
  repeat: (state: string) => send<unknown>('POST', '/api/spotify/repeat', { state }),
  transfer: (deviceId: string) => send<unknown>('POST', '/api/spotify/transfer', { deviceId, play: true }),
};
