import { describe, expect, it, afterEach, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Recommendations, ScoreBreakdown } from './Recommendations';
import { mockApi } from '../test-util';

const tracks = [
  { trackId: 't1', name: 'First Song', artist: 'Artist A', score: 0.9, strategy: 'hybrid', reason: 'Because you like A', parts: { collaborative: 0.8, content: 0.4 } },
  { trackId: 't2', name: 'Second Song', artist: 'Artist B', score: 0.7, strategy: 'popular', reason: 'Popular right now' },
];

afterEach(() => vi.unstubAllGlobals());

describe('Recommendations', () => {
  it('shows cards with reason and score breakdown; a disliked or liked card disappears', async () => {
    mockApi({
      'GET /api/recommendations': () => ({ body: { success: true, data: tracks, meta: { strategy: 'hybrid', recommendationId: 'r1' } } }),
      'POST /api/recommendations/feedback': () => ({ body: { success: true, data: {} } }),
    });
    render(<Recommendations />);
    expect(screen.getByText('Finding music for you…')).toBeTruthy();
    const card = (await screen.findByText('First Song')).closest('li')!;
    expect(within(card).getByText('Because you like A')).toBeTruthy();
    expect(within(card).getByText('collaborative')).toBeTruthy();
    expect(within(card).getByText('0.80')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Dislike First Song' }));
    await waitFor(() => expect(screen.queryByText('First Song')).toBeNull());
    expect(screen.getByText('“First Song” will not come back.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Like Second Song' }));
    await waitFor(() => expect(screen.queryByText('Second Song')).toBeNull());
    const fetchMock = globalThis.fetch as unknown as { mock: { calls: [string, RequestInit][] } };
    const feedback = fetchMock.mock.calls.filter(([u]) => String(u).includes('feedback')).map(([, i]) => JSON.parse(String(i.body)));
    expect(feedback).toEqual([
      { trackId: 't1', action: 'dislike', recommendationId: 'r1' },
      { trackId: 't2', action: 'like', recommendationId: 'r1' },
    ]);
  });

  it('shows the API error as a message', async () => {
    mockApi({
      'GET /api/recommendations': () => ({ status: 400, body: { success: false, error: 'mood is required for mood_based', code: 'VALIDATION_ERROR', details: { field: 'mood' } } }),
    });
    render(<Recommendations />);
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', expect.stringContaining('mood is required'));
  });

  it('falls back to the single strategy score when there are no parts', () => {
    render(<ScoreBreakdown strategy="popular" score={0.5} />);
    expect(screen.getByText('popular')).toBeTruthy();
    expect(screen.getByText('0.50')).toBeTruthy();
  });
});
