import { describe, expect, it, afterEach, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { NowPlaying, VOLUME_SETTLE_MS } from './NowPlaying';
import { PlayQueue } from './PlayQueue';
import { mockApi } from '../test-util';

afterEach(() => vi.unstubAllGlobals());

const playback = {
  isPlaying: true, progressMs: 61_000, shuffle: false, repeat: 'off',
  device: { id: 'd1', name: 'Kitchen Speaker', volumePercent: 40 },
  track: { trackId: 't1', name: 'Velvet Morning', artist: 'The Quartet', durationMs: 245_000 },
};

describe('NowPlaying', () => {
  it('stays hidden, and track cards show no Play, for a listener without Spotify', async () => {
    const calls = mockApi({
      'GET /api/spotify/playback': () => ({ status: 401, body: { success: false, error: 'Connect Spotify', code: 'SPOTIFY_AUTH_REQUIRED' } }),
    });
    render(<><NowPlaying /><PlayQueue track={{ trackId: 't9', name: 'Go' }} say={() => undefined} /></>);
    await waitFor(() => expect(calls.length).toBe(1));
    expect(screen.queryByRole('contentinfo')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Play Go' })).toBeNull();
  });

  it('shows the track and its time; a moved volume slider sends one call once it rests', async () => {
    const calls = mockApi({
      'GET /api/spotify/playback': () => ({ body: { success: true, data: playback } }),
      'POST /api/spotify/volume': () => ({ body: { success: true, data: { percent: 37 } } }),
      'POST /api/spotify/play': () => ({ body: { success: true, data: { playing: true } } }),
    });
    render(<><NowPlaying /><PlayQueue track={{ trackId: 't9', name: 'Go' }} say={() => undefined} /></>);
    expect(await screen.findByText('Velvet Morning')).toBeTruthy();
    expect(screen.getByText(/^1:0\d \/ 4:05$/)).toBeTruthy();
    const slider = screen.getByRole('slider', { name: 'Volume' }) as HTMLInputElement;
    for (const v of ['39', '38', '37']) fireEvent.change(slider, { target: { value: v } });
    expect(slider.value).toBe('37');
    await act(() => new Promise((r) => setTimeout(r, VOLUME_SETTLE_MS + 100)));
    expect(calls.filter((c) => c.url.includes('/volume')).map((c) => c.body)).toEqual([{ percent: 37 }]);
    // Connected: cards offer Play, which plays that track.
    fireEvent.click(await screen.findByRole('button', { name: 'Play Go' }));
    await waitFor(() => expect(calls.find((c) => c.url.endsWith('/api/spotify/play'))?.body).toEqual({ uris: ['spotify:track:t9'] }));
  });
});
