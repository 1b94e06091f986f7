import { useEffect, useState } from 'react';
import { getToken, onAuthChange, send, setToken } from './api/client';
import { getSettings } from './api/endpoints';
import { startLive, stopLive } from './api/live';
import { navigate, usePath } from './router';
import { SignIn } from './pages/SignIn';
import { Chat } from './pages/Chat';
import { Recommendations } from './pages/Recommendations';
import { Playlists } from './pages/Playlists';
import { Analytics } from './pages/Analytics';
import { Settings } from './pages/Settings';
import { NowPlaying } from './components/NowPlaying';

const NAV = [
  ['/', 'Chat'],
  ['/recommendations', 'Discover'],
  ['/playlists', 'Playlists'],
  ['/analytics', 'Analytics'],
  ['/settings', 'Settings'],
] as const;

export function applyTheme(theme: 'dark' | 'light') {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem('echotune.theme', theme);
  } catch {
    /* ignore */
  }
}

function Link({ to, children }: { to: string; children: React.ReactNode }) {
  const current = usePath() === to;
  return (
    <a href={to} aria-current={current ? 'page' : undefined}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        navigate(to);
      }}>
      {children}
    </a>
  );
}

export function App() {
  const path = usePath();
  const [signedIn, setSignedIn] = useState(getToken() !== null);

  useEffect(() => onAuthChange(setSignedIn), []);
  useEffect(() => {
    if (!signedIn) {
      stopLive();
      return;
    }
    getSettings()
      .then((p) => p.theme && applyTheme(p.theme))
      .catch(() => undefined);
    void startLive();
  }, [signedIn]);
  useEffect(() => {
    const title = NAV.find(([p]) => p === path)?.[1];
    document.title = title ? `${title} · EchoTune` : 'EchoTune';
  }, [path]);

  if (!signedIn || path.startsWith('/signin')) {
    if (signedIn && path.startsWith('/signin') && !location.hash && !location.search) {
      navigate('/', true);
      return null;
    }
    return <SignIn path={path} />;
  }

  let page: JSX.Element;
  switch (path) {
    case '/recommendations': page = <Recommendations />; break;
    case '/playlists': page = <Playlists />; break;
    case '/analytics': page = <Analytics />; break;
    case '/settings': page = <Settings onTheme={applyTheme} />; break;
    case '/': page = <Chat />; break;
    default:
      page = (
        <main id="main" className="page">
          <h1>Not found</h1>
          <p>There is no page at {path}. <Link to="/">Go home</Link>.</p>
        </main>
      );
  }

  return (
    <div className="shell">
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand"><span className="logo" aria-hidden="true" /> EchoTune</span>
        <nav aria-label="Main">
          {NAV.map(([to, label]) => <Link key={to} to={to}>{label}</Link>)}
        </nav>
        <button type="button" className="link signout"
          onClick={async () => {
            await send('POST', '/auth/logout').catch(() => undefined);
            setToken(null);
            navigate('/signin');
          }}>
          Sign out
        </button>
      </header>
      {page}
      <NowPlaying />
    </div>
  );
}
