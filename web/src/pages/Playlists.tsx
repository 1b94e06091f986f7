import { FormEvent, KeyboardEvent, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import {
  generatePlaylist, getPlaylist, listPlaylists, patchPlaylist, Playlist, PlaylistPatch, searchPlaylists, sendPlaylistToSpotify,
} from '../api/endpoints';
import { useLoad } from '../hooks';
import { ErrorMessage, Loading } from '../components/Status';

function Generator({ onSaved }: { onSaved: (p: Playlist) => void }) {
  const [prompt, setPrompt] = useState('');
  const [count, setCount] = useState(15);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [preview, setPreview] = useState<Playlist>();
  const [name, setName] = useState('');

  async function generate(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const p = await generatePlaylist(prompt, count);
      setPreview(p);
      setName(p.name);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    if (!preview) return;
    setBusy(true);
    setError(undefined);
    try {
      const p = name.trim() && name !== preview.name ? await patchPlaylist(preview._id, { name: name.trim() }) : preview;
      onSaved(p);
      setPreview(undefined);
      setPrompt('');
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="gen-h">
      <h2 id="gen-h">Generate from a sentence</h2>
      <form onSubmit={generate} className="generate">
        <label className="grow">
          Describe it
          <input value={prompt} onChange={(e) => setPrompt(e.target.value)} placeholder="upbeat indie for a morning run" required maxLength={500} />
        </label>
        <label>
          Tracks
          <input type="number" min={1} max={100} value={count} onChange={(e) => setCount(Number(e.target.value))} />
        </label>
        <button type="submit" className="primary" disabled={busy || !prompt.trim()}>
          Generate
        </button>
      </form>
      {busy && <Loading label="Working…" />}
      <ErrorMessage error={error} />
      {preview && (
        <div className="preview" aria-label="Preview">
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
          </label>
          {preview.description && <p className="muted">{preview.description}</p>}
          <ol className="tracklist">
            {(preview.tracks ?? []).map((t) => (
              <li key={t.trackId}>
                <span className="t-name">{t.name}</span> <span className="muted">— {t.artist}</span>
              </li>
            ))}
          </ol>
          <button type="button" className="primary" onClick={save} disabled={busy}>
            Save playlist
          </button>
        </div>
      )}
    </section>
  );
}

function Editor({ id, onChanged }: { id: string; onChanged: (p: Playlist) => void }) {
  const pl = useLoad((signal) => getPlaylist(id, signal), [id]);
  const [name, setName] = useState('');
  const [error, setError] = useState<Error>();
  const [status, setStatus] = useState('');
  const [dragFrom, setDragFrom] = useState<number | null>(null);

  useEffect(() => {
    setName(pl.data?.name ?? '');
  }, [pl.data?.name]);

  async function apply(patch: PlaylistPatch, message: string) {
    setError(undefined);
    try {
      const p = await patchPlaylist(id, patch);
      pl.setData(() => p);
      onChanged(p);
      setStatus(message);
    } catch (e) {
      setError(e as Error);
    }
  }

  async function toSpotify() {
    setError(undefined);
    try {
      const r = await sendPlaylistToSpotify(id);
      setStatus(r.saved ? 'Sent to Spotify.' : 'Not sent.');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'SPOTIFY_AUTH_REQUIRED') {
        setError(new ApiError(401, e.code, 'Connect Spotify first to send playlists there.'));
      } else setError(e as Error);
    }
  }

  const tracks = pl.data?.tracks ?? [];
  const move = (from: number, to: number) => {
    if (to < 0 || to >= tracks.length || from === to) return;
    apply({ move: { from, to } }, `Moved “${tracks[from].name}” to position ${to + 1}.`);
  };
  const onKey = (e: KeyboardEvent, i: number) => {
    if (e.altKey && e.key === 'ArrowUp') {
      e.preventDefault();
      move(i, i - 1);
    } else if (e.altKey && e.key === 'ArrowDown') {
      e.preventDefault();
      move(i, i + 1);
    }
  };

  if (pl.loading && !pl.data) return <Loading />;
  if (pl.error) return <ErrorMessage error={pl.error} onRetry={pl.reload} />;
  if (!pl.data) return null;
  return (
    <section className="panel editor" aria-labelledby="edit-h">
      <h2 id="edit-h">Edit “{pl.data.name}”</h2>
      <form
        className="rename"
        onSubmit={(e) => {
          e.preventDefault();
          apply({ name: name.trim() }, 'Renamed.');
        }}
      >
        <label className="grow">
          Playlist name
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </label>
        <button type="submit" disabled={!name.trim() || name === pl.data.name}>
          Rename
        </button>
        <button type="button" onClick={toSpotify}>
          Send to Spotify
        </button>
      </form>
      <p className="notice" role="status" aria-live="polite">{status}</p>
      <ErrorMessage error={error} />
      <p className="muted small">Drag a track, or focus it and press Alt+↑ / Alt+↓, to reorder.</p>
      <ol className="tracklist editable">
        {tracks.map((t, i) => (
          <li
            key={`${t.trackId}-${i}`}
            draggable
            tabIndex={0}
            aria-label={`${i + 1}. ${t.name} by ${t.artist}`}
            onKeyDown={(e) => onKey(e, i)}
            onDragStart={() => setDragFrom(i)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              if (dragFrom !== null) move(dragFrom, i);
              setDragFrom(null);
            }}
            className={dragFrom === i ? 'dragging' : undefined}
          >
            <span className="handle" aria-hidden="true">⋮⋮</span>
            <span className="t-main">
              <span className="t-name">{t.name}</span> <span className="muted">— {t.artist}</span>
            </span>
            <span className="t-actions">
              <button type="button" className="icon" onClick={() => move(i, i - 1)} disabled={i === 0} aria-label={`Move ${t.name} up`}>↑</button>
              <button type="button" className="icon" onClick={() => move(i, i + 1)} disabled={i === tracks.length - 1} aria-label={`Move ${t.name} down`}>↓</button>
              <button type="button" className="icon" onClick={() => apply({ remove: [t.trackId] }, `Removed “${t.name}”.`)} aria-label={`Remove ${t.name}`}>✕</button>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Playlists() {
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    const t = window.setTimeout(() => setDebounced(q.trim()), 300);
    return () => window.clearTimeout(t);
  }, [q]);
  const list = useLoad((signal) => (debounced ? searchPlaylists(debounced, signal) : listPlaylists(signal)), [debounced]);

  const upsert = (p: Playlist) =>
    list.setData((old) => {
      const rest = (old ?? []).filter((x) => x._id !== p._id);
      return [p, ...rest];
    });

  return (
    <main id="main" className="page">
      <h1>Playlists</h1>
      <Generator
        onSaved={(p) => {
          upsert(p);
          setSelected(p._id);
        }}
      />
      <div className="split">
        <section className="panel" aria-labelledby="list-h">
          <h2 id="list-h">Your playlists</h2>
          <label>
            Search
            <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="name or description" />
          </label>
          {list.loading && <Loading />}
          <ErrorMessage error={list.error} onRetry={list.reload} />
          {list.data && list.data.length === 0 && <p className="muted">{debounced ? 'No playlist matches.' : 'No playlists yet: generate one above.'}</p>}
          <ul className="plist">
            {(list.data ?? []).map((p) => (
              <li key={p._id}>
                <button type="button" className={`plist-item${selected === p._id ? ' active' : ''}`} aria-current={selected === p._id}
                  onClick={() => setSelected(p._id)}>
                  <span className="t-name">{p.name}</span>
                  <span className="muted small">{p.trackCount ?? p.tracks?.length ?? 0} tracks</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        {selected && <Editor id={selected} onChanged={upsert} />}
      </div>
    </main>
  );
}
