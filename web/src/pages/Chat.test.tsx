import { describe, expect, it, afterEach, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { Chat } from './Chat';
import { mockApi } from '../test-util';

afterEach(() => vi.unstubAllGlobals());

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
});
