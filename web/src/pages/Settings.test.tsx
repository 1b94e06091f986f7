import { describe, expect, it, afterEach, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { diff, Settings, toForm } from './Settings';
import { mockApi } from '../test-util';

const prefs = { favoriteGenres: ['indie'], dislikedGenres: [], energyLevel: 0.5, explicitContent: true, theme: 'dark', emailNotifications: false };

afterEach(() => vi.unstubAllGlobals());

describe('Settings', () => {
  it('sends only what changed, with lists and numbers parsed', () => {
    const before = toForm(prefs as never);
    const after = { ...before, favoriteGenres: 'indie, folk ,', energyLevel: '0.7', theme: 'light' };
    expect(diff(before, after)).toEqual({ favoriteGenres: ['indie', 'folk'], energyLevel: 0.7, theme: 'light' });
    expect(diff(before, { ...before, energyLevel: 'abc' })).toEqual({ energyLevel: 'abc' });
  });

  it('shows the API validation message beside the field it names', async () => {
    mockApi({
      'GET /api/user/settings': () => ({ body: { success: true, data: prefs } }),
      'PATCH /api/user/settings': () => ({ status: 400, body: { success: false, error: 'energyLevel must be between 0 and 1', code: 'VALIDATION_ERROR', details: { field: 'energyLevel' } } }),
    });
    render(<Settings onTheme={() => undefined} />);
    const energy = await screen.findByLabelText(/Energy level/);
    fireEvent.change(energy, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const msg = await screen.findByText('energyLevel must be between 0 and 1');
    expect(msg.id).toBe('err-energyLevel');
    expect(energy.getAttribute('aria-invalid')).toBe('true');
  });

  it('applies the saved theme', async () => {
    const onTheme = vi.fn();
    mockApi({
      'GET /api/user/settings': () => ({ body: { success: true, data: prefs } }),
      'PATCH /api/user/settings': () => ({ body: { success: true, data: { ...prefs, theme: 'light' } } }),
    });
    render(<Settings onTheme={onTheme} />);
    fireEvent.change(await screen.findByLabelText('Theme'), { target: { value: 'light' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    await waitFor(() => expect(onTheme).toHaveBeenCalledWith('light'));
  });
});
