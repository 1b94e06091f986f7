import { describe, expect, it, afterEach, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Playlists } from './Playlists';
import { mockApi } from '../test-util';

const pl = {
  _id: 'p1', name: 'Run', trackCount: 3,
  tracks: [
    { trackId: 'a', name: 'Alpha', artist: 'X' },
    { trackId: 'b', name: 'Beta', artist: 'Y' },
    { trackId: 'c', name: 'Gamma', artist: 'Z' },
  ],
};

afterEach(() => vi.unstubAllGlobals());

describe('Playlists', () => {
  it('reorders with Alt+ArrowDown and removes a track through PATCH', async () => {
    const calls = mockApi({
      'GET /api/playlists': () => ({ body: { success: true, data: [pl] } }),
      'GET /api/playlists/p1': () => ({ body: { success: true, data: pl } }),
      'PATCH /api/playlists/p1': (_u, init) => {
        const body = JSON.parse(String(init.body));
        if (body.move) return { body: { success: true, data: { ...pl, tracks: [pl.tracks[1], pl.tracks[0], pl.tracks[2]] } } };
        return { body: { success: true, data: { ...pl, tracks: pl.tracks.slice(1), trackCount: 2 } } };
      },
    });
    render(<Playlists />);
    fireEvent.click(await screen.findByRole('button', { name: /Run/ }));
    const first = await screen.findByLabelText('1. Alpha by X');
    fireEvent.keyDown(first, { key: 'ArrowDown', altKey: true });
    await screen.findByText('Moved “Alpha” to position 2.');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ move: { from: 0, to: 1 } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove Beta' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH').length).toBe(2));
    expect(calls.filter((c) => c.method === 'PATCH')[1].body).toEqual({ remove: ['b'] });
  });

  it('generates a preview, then saves it under the edited name', async () => {
    const calls = mockApi({
      'GET /api/playlists': () => ({ body: { success: true, data: [] } }),
      'POST /api/playlists/generate': () => ({ status: 201, body: { success: true, data: pl } }),
      'PATCH /api/playlists/p1': () => ({ body: { success: true, data: { ...pl, name: 'Morning run' } } }),
      'GET /api/playlists/p1': () => ({ body: { success: true, data: { ...pl, name: 'Morning run' } } }),
    });
    render(<Playlists />);
    fireEvent.change(screen.getByLabelText('Describe it'), { target: { value: 'upbeat run' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    expect(await screen.findByText('Gamma')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Morning run' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save playlist' }));
    await screen.findByRole('heading', { name: 'Edit “Morning run”' });
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ prompt: 'upbeat run' });
  });
});
