import { describe, expect, it, afterEach, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { Chat } from './Chat';
import { mockApi } from '../test-util';
import { setSpotifyConnected } from '../api/spotifyStatus';

afterEach(() => {
  vi.unstubAllGlobals();
  setSpotifyConnected(false);
});

describe('Chat', () => {
  it('says so when the server has no chat API', async () => {
    mockApi({});
    render(<Chat />);
    expect(await screen.findByText('Chat is not available on this server.')).toBeTruthy();
  });

  it('lists sessions and providers when the chat API answers', async () => {
    mockApi({
      'GET /api/chat/sessions': () => ({ body: { success: true, data: [{ sessionId: 's1', title: 'Morning mix' }] } }),
      'GET /api/llm/providers': () => ({ body: { success: true, data: [{ id: 'mock', name: 'Mock', isConfigured: true }] } }),
    });
    render(<Chat />);
    expect(await screen.findByText('Morning mix')).toBeTruthy();
    expect(await screen.findByRole('option', { name: 'Mock' })).toBeTruthy();
  });

  it('sends the picked provider and shows what the turn did as a card', async () => {
    setSpotifyConnected(true);
    const calls = mockApi({
      'GET /api/chat/sessions': () => ({ body: { success: true, data: [] } }),
      'GET /api/llm/providers': () => ({ body: { success: true, data: { providers: [{ id: 'mock', name: 'Mock', isConfigured: true }], fallbackChain: ['mock'] } } }),
      'POST /api/chat/message': () => ({
        body: {
          success: true,
          data: {
            sessionId: 's2', provider: 'mock', model: 'mock-1',
            message: { role: 'assistant', content: 'Here is your run playlist.' },
            action: { type: 'playlist', ok: true, name: 'Morning run', playlistId: 'p1', tracks: [{ trackId: '4uLU6hMCjMI75M1A2tKUQC', name: 'Go', artist: 'Band' }] },
          },
        },
      }),
    });
    render(<Chat />);
    await screen.findByRole('option', { name: 'Mock' });
    fireEvent.change(screen.getByLabelText('Provider'), { target: { value: 'mock' } });
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'make a running playlist' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Here is your run playlist.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Morning run' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Play Go' })).toBeTruthy();
    expect(screen.getByText('mock · mock-1')).toBeTruthy();
    const sent = calls.find((c) => c.method === 'POST');
    expect(sent?.body).toMatchObject({ message: 'make a running playlist', provider: 'mock', stream: true });
  });

  it('says when the action failed', async () => {
    mockApi({
      'GET /api/chat/sessions': () => ({ body: { success: true, data: [] } }),
      'GET /api/llm/providers': () => ({ body: { success: true, data: { providers: [], fallbackChain: ['mock'] } } }),
      'POST /api/chat/message': () => ({
        body: { success: true, data: { provider: 'mock', message: { role: 'assistant', content: 'No luck.' }, action: { type: 'spotify', ok: false, code: 'SPOTIFY_AUTH_REQUIRED', summary: 'Connect Spotify first' } } },
      }),
    });
    render(<Chat />);
    fireEvent.change(await screen.findByLabelText('Message'), { target: { value: 'skip' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Could not do that: Connect Spotify first')).toBeTruthy();
  });
});
