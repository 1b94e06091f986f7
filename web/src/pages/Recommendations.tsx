import { useEffect, useRef, useState } from 'react';
import { FeedbackAction, getRecommendations, MOODS, RecTrack, RecsQuery, sendFeedback, STRATEGIES } from '../api/endpoints';
import { subscribe } from '../api/live';
import { useLoad } from '../hooks';
import { ErrorMessage, Loading } from '../components/Status';
import { PlayQueue } from '../components/PlayQueue';

const label = (s: string) => s.replace('_', ' ');

// The per-strategy parts of a hybrid score; a single strategy's score is its own part.
export function ScoreBreakdown({ parts, strategy, score }: { parts?: Record<string, number>; strategy?: string; score?: number }) {
  const given = Object.entries(parts ?? {});
  const entries = given.length || !strategy || score === undefined ? given : [[strategy, score] as [string, number]];
  if (!entries.length) return null;
  const max = Math.max(...entries.map(([, v]) => Math.abs(v)), 1e-9);
  return (
    <dl className="breakdown" aria-label="Score by strategy">
      {entries.map(([name, v]) => (
        <div key={name} className="part">
          <dt>{label(name)}</dt>
          <dd>
            <span className="bar" style={{ width: `${Math.round((Math.abs(v) / max) * 100)}%` }} aria-hidden="true" />
            <span className="num">{v.toFixed(2)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function RecCard({ t, saved, onAction, say }: { t: RecTrack; saved: boolean; onAction: (a: FeedbackAction) => void; say: (m: string) => void }) {
  return (
    <li className="card rec" data-track={t.trackId}>
      <div className="rec-head">
        <h2 className="card-title">{t.name}</h2>
        <p className="artist">{t.artist}</p>
      </div>
      <p className="reason">{t.reason}</p>
      <ScoreBreakdown parts={t.parts} strategy={t.strategy} score={t.score} />
      <div className="actions">
        <button type="button" onClick={() => onAction('like')} aria-label={`Like ${t.name}`}>
          Like
        </button>
        <button type="button" onClick={() => onAction('dislike')} aria-label={`Dislike ${t.name}`}>
          Dislike
        </button>
        <button type="button" onClick={() => onAction('save')} aria-pressed={saved} aria-label={`Save ${t.name}`}>
          {saved ? 'Saved' : 'Save'}
        </button>
        <PlayQueue track={t} say={say} />
      </div>
    </li>
  );
}

export function Recommendations() {
  const [strategy, setStrategy] = useState('');
  const [mood, setMood] = useState('');
  const [energyOn, setEnergyOn] = useState(false);
  const [energy, setEnergy] = useState(0.5);
  const [valenceOn, setValenceOn] = useState(false);
  const [valence, setValence] = useState(0.5);
  const [query, setQuery] = useState<RecsQuery>({});
  const [saved, setSaved] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState('');
  const [actionError, setActionError] = useState<Error>();
  const timer = useRef<number>();

  // Sliders settle before a request (the API rate-limits recommendations).
  useEffect(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setQuery({
        strategy: strategy || undefined,
        mood: mood || undefined,
        target_energy: energyOn ? energy : undefined,
        target_valence: valenceOn ? valence : undefined,
      });
    }, 350);
    return () => window.clearTimeout(timer.current);
  }, [strategy, mood, energyOn, energy, valenceOn, valence]);

  const recs = useLoad((signal) => getRecommendations(query, signal), [JSON.stringify(query)]);
  useEffect(() => subscribe('recommendation_update', () => recs.reload()), [recs.reload]);

  async function act(t: RecTrack, action: FeedbackAction) {
    setActionError(undefined);
    try {
      await sendFeedback(t.trackId, action, recs.data?.meta.recommendationId);
      if (action === 'save') {
        setSaved((s) => new Set(s).add(t.trackId));
        setNotice(`Saved “${t.name}”.`);
      } else {
        recs.setData((d) => d && { ...d, tracks: d.tracks.filter((x) => x.trackId !== t.trackId) });
        setNotice(action === 'like' ? `Liked “${t.name}”: more like it next time.` : `“${t.name}” will not come back.`);
      }
    } catch (e) {
      setActionError(e as Error);
    }
  }

  return (
    <main id="main" className="page">
      <h1>Recommendations</h1>
      <form className="controls" onSubmit={(e) => e.preventDefault()} aria-label="Recommendation options">
        <label>
          Strategy
          <select name="strategy" value={strategy} onChange={(e) => setStrategy(e.target.value)}>
            <option value="">My default</option>
            {STRATEGIES.map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Mood
          <select name="mood" value={mood} onChange={(e) => setMood(e.target.value)}>
            <option value="">Any</option>
            {MOODS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="slider">
          <legend>
            <label>
              <input type="checkbox" checked={energyOn} onChange={(e) => setEnergyOn(e.target.checked)} /> Energy
            </label>
          </legend>
          <input type="range" min={0} max={1} step={0.05} value={energy} disabled={!energyOn} aria-label="Target energy"
            onChange={(e) => setEnergy(Number(e.target.value))} />
          <output>{energyOn ? energy.toFixed(2) : 'off'}</output>
        </fieldset>
        <fieldset className="slider">
          <legend>
            <label>
              <input type="checkbox" checked={valenceOn} onChange={(e) => setValenceOn(e.target.checked)} /> Valence
            </label>
          </legend>
          <input type="range" min={0} max={1} step={0.05} value={valence} disabled={!valenceOn} aria-label="Target valence"
            onChange={(e) => setValence(Number(e.target.value))} />
          <output>{valenceOn ? valence.toFixed(2) : 'off'}</output>
        </fieldset>
      </form>
      <p className="notice" role="status" aria-live="polite">{notice}</p>
      <ErrorMessage error={actionError} />
      <ErrorMessage error={recs.error} onRetry={recs.reload} />
      {recs.loading && <Loading label="Finding music for you…" />}
      {recs.data && !recs.loading && (
        <>
          <p className="muted">
            {recs.data.tracks.length} tracks · strategy {label(recs.data.meta.strategy ?? '')}
            {recs.data.meta.coldStart ? ' · popular picks while we learn your taste' : ''}
          </p>
          {recs.data.tracks.length === 0 && <p>Nothing left to suggest with these options. Try another mood or strategy.</p>}
          <ul className="cards">
            {recs.data.tracks.map((t) => (
              <RecCard key={t.trackId} t={t} saved={saved.has(t.trackId)} onAction={(a) => act(t, a)} say={setNotice} />
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
