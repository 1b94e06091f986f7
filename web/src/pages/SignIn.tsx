import { useEffect, useRef, useState } from 'react';
import { ApiError, setToken } from '../api/client';
import { completeSpotifyLogin, redeemLoginCode, spotifyLoginUrl } from '../api/endpoints';
import { navigate } from '../router';
import { ErrorMessage, Loading } from '../components/Status';

// The one-time code of `echotune login-link` arrives in the fragment (#code=…),
// which the browser never sends to the server.
export function codeFromHash(hash: string): string | null {
  const m = /(?:^#|&)code=([0-9a-f]{64})(?:&|$)/.exec(hash);
  return m ? m[1] : null;
}

export function SignIn({ path }: { path: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<Error>();
  const [hash, setHash] = useState(location.hash);
  const redeemed = useRef<string | null>(null); // a code is tried once (StrictMode runs effects twice)

  // A second link pasted into the same tab changes only the fragment.
  useEffect(() => {
    const update = () => setHash(location.hash);
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);

  useEffect(() => {
    const code = codeFromHash(hash);
    const params = new URLSearchParams(location.search);
    let job: Promise<{ token: string }> | null = null;
    if (path === '/signin' && code && redeemed.current !== code) {
      redeemed.current = code;
      setBusy('Signing you in…');
      setError(undefined);
      history.replaceState(null, '', '/signin'); // the code is single use: drop it from the address bar
      job = redeemLoginCode(code);
    } else if (path === '/signin/callback' && (params.get('code') || params.get('error'))) {
      setBusy('Finishing the Spotify login…');
      if (params.get('error')) {
        setBusy(null);
        setError(new ApiError(401, 'OAUTH_DENIED', 'The Spotify login was declined.'));
        return;
      }
      job = completeSpotifyLogin(params.get('code') ?? '', params.get('state') ?? '');
    }
    if (!job) return;
    job
      .then((r) => {
        setToken(r.token);
        navigate('/', true);
      })
      .catch((e: Error) => {
        setBusy(null);
        if (e instanceof ApiError && e.code === 'INVALID_TOKEN') {
          setError(new ApiError(401, e.code, 'This sign-in link is invalid, expired or already used. Ask for a new one.'));
        } else setError(e);
      });
  }, [path, hash]);

  async function connectSpotify() {
    setError(undefined);
    setBusy('Opening Spotify…');
    try {
      const { authUrl } = await spotifyLoginUrl();
      location.assign(authUrl);
    } catch (e) {
      setBusy(null);
      if (e instanceof ApiError && (e.code === 'SERVICE_UNAVAILABLE' || e.status === 503)) {
        setError(new ApiError(503, e.code, 'Spotify login is not configured on this server (SPOTIFY_CLIENT_ID is not set).'));
      } else setError(e as Error);
    }
  }

  return (
    <main className="signin" id="main">
      <div className="signin-card">
        <h1>
          <span className="logo" aria-hidden="true" /> EchoTune
        </h1>
        <p className="lede">Music discovery that explains itself.</p>
        {busy && <Loading label={busy} />}
        <ErrorMessage error={error} />
        <button type="button" className="primary wide" onClick={connectSpotify} disabled={busy !== null}>
          Connect Spotify
        </button>
        <section className="demo-help" aria-labelledby="demo-h">
          <h2 id="demo-h">Try the demo</h2>
          <p>
            <code>make run</code> prints a one-time sign-in link for the demo listener. For any user:
          </p>
          <pre>echotune login-link --user demo-efrrowini</pre>
          <p className="muted">A link works once, for 10 minutes.</p>
        </section>
      </div>
    </main>
  );
}
