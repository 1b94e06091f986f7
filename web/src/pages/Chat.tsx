import { FormEvent, useEffect, useRef, useState } from 'react';
import * as chat from '../api/chat';
import { useLoad } from '../hooks';
import { navigate } from '../router';
import { ErrorMessage, Loading } from '../components/Status';
import { PlayQueue } from '../components/PlayQueue';

interface Turn extends chat.ChatMessage {
  streaming?: boolean;
}

function ActionCard({ action }: { action: chat.ChatAction }) {
  const [msg, setMsg] = useState('');
  if (action.ok === false) {
    return <p className="card small-card action-failed" role="note">Could not do that: {action.summary ?? action.code}</p>;
  }
  const tracks = action.tracks ?? [];
  return (
    <div className="action" data-action={action.type}>
      {action.type === 'playlist' && (
        <p className="card small-card">
          Created playlist{' '}
          <a href="/playlists" onClick={(e) => { e.preventDefault(); navigate('/playlists'); }}>{action.name ?? 'playlist'}</a>
          {tracks.length > 0 && <span className="muted"> · {tracks.length} tracks</span>}
        </p>
      )}
      {action.type === 'spotify' && action.summary && <p className="card small-card">{action.summary}</p>}
      {tracks.length > 0 && (
        <ul className="action-tracks" aria-label="Tracks">
          {tracks.slice(0, 10).map((t, i) => (
            <li key={`${t.trackId ?? t.name}-${i}`} className="card small-card" data-track={t.trackId}>
              <span><span className="t-name">{t.name}</span>{t.artist && <span className="muted"> — {t.artist}</span>}</span>
              <PlayQueue track={t} say={setMsg} />
            </li>
          ))}
          {msg && <li className="notice" role="status">{msg}</li>}
        </ul>
      )}
    </div>
  );
}

function ChatUi() {
  const sessions = useLoad(() => chat.listSessions(), []);
  const providers = useLoad(async () => {
    const p = await chat.providers();
    return Array.isArray(p) ? p : p.providers;
  }, []);
  const [sessionId, setSessionId] = useState<string>();
  const [turns, setTurns] = useState<Turn[]>([]);
  const [text, setText] = useState('');
  const [provider, setProvider] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const messages = useRef<HTMLDivElement>(null);

  // The newest turn in view: the message list scrolls, not the page.
  useEffect(() => {
    const list = messages.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [turns]);

  async function open(id: string) {
    setSessionId(id);
    setError(undefined);
    try {
      const h = await chat.history(id);
      setTurns(Array.isArray(h) ? h : h.messages);
    } catch (e) {
      setError(e as Error);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const message = text.trim();
    if (!message || busy) return;
    setText('');
    setBusy(true);
    setError(undefined);
    setTurns((t) => [...t, { role: 'user', content: message }, { role: 'assistant', content: '', streaming: true }]);
    const patchLast = (f: (t: Turn) => Turn) => setTurns((all) => [...all.slice(0, -1), f(all[all.length - 1])]);
    try {
      await chat.streamMessage({ sessionId, message, provider: provider || undefined }, {
        onToken: (delta) => patchLast((t) => ({ ...t, content: t.content + delta })),
        onFinal: (f) => {
          if (f.sessionId) setSessionId(f.sessionId);
          patchLast((t) => ({
            ...t,
            content: f.message?.content ?? t.content,
            provider: f.provider ?? f.message?.provider,
            model: f.model ?? f.message?.model,
            action: f.action ?? f.message?.action,
            streaming: false,
          }));
        },
      });
      sessions.reload();
    } catch (err) {
      setTurns((all) => all.slice(0, -1));
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="chat">
      <aside className="sessions panel" aria-labelledby="sess-h">
        <h2 id="sess-h">Conversations</h2>
        <button type="button" onClick={() => { setSessionId(undefined); setTurns([]); }}>New chat</button>
        {sessions.loading && <Loading />}
        <ErrorMessage error={sessions.error} />
        <ul>
          {(sessions.data ?? []).map((s) => (
            <li key={s.sessionId} className="session-row">
              <button type="button" className={`link${s.sessionId === sessionId ? ' active' : ''}`} onClick={() => open(s.sessionId)}>
                {s.title ?? (s.lastActivity ? new Date(s.lastActivity).toLocaleString() : s.sessionId.slice(0, 8))}
              </button>
              <button type="button" className="icon" aria-label="Delete conversation"
                onClick={async () => { await chat.deleteSession(s.sessionId).catch(setError); sessions.reload(); }}>✕</button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="conversation panel" aria-label="Conversation">
        <div className="messages" role="log" aria-label="Chat history" tabIndex={0} ref={messages}>
          {turns.length === 0 && <p className="muted">Ask for music: “play something calm for reading”, “make a running playlist”.</p>}
          {turns.map((t, i) => (
            <div key={i} className={`msg ${t.role}`}>
              <p>{t.content}{t.streaming && <span className="typing" aria-label="typing"><i /><i /><i /></span>}</p>
              {t.role === 'assistant' && (t.provider || t.model) && <p className="meta">{t.provider}{t.model ? ` · ${t.model}` : ''}</p>}
              {t.action && <ActionCard action={t.action} />}
            </div>
          ))}
        </div>
        <ErrorMessage error={error} />
        <form className="composer" onSubmit={submit}>
          <label className="sr-only" htmlFor="chat-input">Message</label>
          <input id="chat-input" value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} placeholder="Message EchoTune" autoComplete="off" />
          <label className="sr-only" htmlFor="chat-provider">Provider</label>
          <select id="chat-provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
            <option value="">Auto</option>
            {(providers.data ?? []).map((p) => (
              <option key={p.id} value={p.id} disabled={p.isConfigured === false}>{p.name ?? p.id}</option>
            ))}
          </select>
          <button type="submit" className="primary" disabled={busy || !text.trim()}>Send</button>
        </form>
      </section>
    </div>
  );
}

export function Chat() {
  const avail = useLoad(() => chat.available(), []);
  return (
    <main id="main" className="page">
      <h1>Chat</h1>
      {avail.loading && <Loading />}
      <ErrorMessage error={avail.error} onRetry={avail.reload} />
      {avail.data === false && (
        <div className="panel notice-panel" role="note">
          <p><strong>Chat is not available on this server.</strong> This EchoTune has no chat API yet.</p>
          <p>
            Meanwhile: <a href="/recommendations" onClick={(e) => { e.preventDefault(); navigate('/recommendations'); }}>get recommendations</a> or{' '}
            <a href="/playlists" onClick={(e) => { e.preventDefault(); navigate('/playlists'); }}>build a playlist from a sentence</a>.
          </p>
        </div>
      )}
      {avail.data === true && <ChatUi />}
    </main>
  );
}
