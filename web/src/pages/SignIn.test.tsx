import { describe, expect, it, afterEach, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { codeFromHash, SignIn } from './SignIn';
import { getToken, setToken } from '../api/client';
import { mockApi } from '../test-util';

const CODE = 'ab'.repeat(32);

afterEach(() => {
  vi.unstubAllGlobals();
  setToken(null);
  history.replaceState(null, '', '/');
});

describe('SignIn', () => {
  it('reads the one-time code from the fragment only', () => {
    expect(codeFromHash(`#code=${CODE}`)).toBe(CODE);
    expect(codeFromHash('#code=short')).toBeNull();
    expect(codeFromHash('')).toBeNull();
  });

  it('exchanges the code for a token and drops it from the address bar', async () => {
    const calls = mockApi({ 'POST /auth/link': () => ({ body: { success: true, data: { token: 'jwt', user: { id: 'u' } } } }) });
    history.replaceState(null, '', `/signin#code=${CODE}`);
    render(<SignIn path="/signin" />);
    await waitFor(() => expect(getToken()).toBe('jwt'));
    expect(calls[0]).toMatchObject({ method: 'POST', body: { code: CODE } });
    expect(location.hash).toBe('');
  });

  it('explains a used or expired link', async () => {
    mockApi({ 'POST /auth/link': () => ({ status: 401, body: { success: false, error: 'nope', code: 'INVALID_TOKEN', details: {} } }) });
    history.replaceState(null, '', `/signin#code=${CODE}`);
    render(<SignIn path="/signin" />);
    expect(await screen.findByText(/invalid, expired or already used/)).toBeTruthy();
    expect(getToken()).toBeNull();
  });
});
