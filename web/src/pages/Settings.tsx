import { FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { getSettings, LLM_PROVIDERS, patchSettings, Preferences, PREFERRED_STRATEGIES } from '../api/endpoints';
import { useLoad } from '../hooks';
import { ErrorMessage, Loading } from '../components/Status';

interface Form {
  llmProvider: string;
  llmModel: string;
  favoriteGenres: string;
  dislikedGenres: string;
  energyLevel: string;
  explicitContent: boolean;
  recommendationStrategy: string;
  diversityWeight: string;
  theme: string;
  language: string;
  emailNotifications: boolean;
}

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

export function toForm(p: Preferences): Form {
  return {
    llmProvider: p.llmProvider ?? '',
    llmModel: p.llmModel ?? '',
    favoriteGenres: (p.favoriteGenres ?? []).join(', '),
    dislikedGenres: (p.dislikedGenres ?? []).join(', '),
    energyLevel: p.energyLevel === undefined ? '' : String(p.energyLevel),
    explicitContent: p.explicitContent ?? true,
    recommendationStrategy: p.recommendationStrategy ?? '',
    diversityWeight: p.diversityWeight === undefined ? '' : String(p.diversityWeight),
    theme: p.theme ?? 'dark',
    language: p.language ?? '',
    emailNotifications: p.emailNotifications ?? false,
  };
}

// The PATCH body: only what changed. Numbers the user typed are sent as
// typed (the API validates them and names the field).
export function diff(before: Form, after: Form): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  (Object.keys(after) as (keyof Form)[]).forEach((k) => {
    if (after[k] === before[k]) return;
    switch (k) {
      case 'favoriteGenres':
      case 'dislikedGenres':
        out[k] = list(after[k]);
        break;
      case 'energyLevel':
      case 'diversityWeight': {
        const n = num(after[k]);
        if (n !== undefined) out[k] = Number.isNaN(n) ? after[k] : n;
        break;
      }
      case 'llmProvider':
      case 'recommendationStrategy':
      case 'llmModel':
      case 'language':
        if (after[k] !== '') out[k] = after[k];
        break;
      default:
        out[k] = after[k];
    }
  });
  return out;
}

export function Settings({ onTheme }: { onTheme: (t: 'dark' | 'light') => void }) {
  const prefs = useLoad((signal) => getSettings(signal), []);
  const [form, setForm] = useState<Form>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState('');

  useEffect(() => {
    if (prefs.data) setForm(toForm(prefs.data));
  }, [prefs.data]);

  if (prefs.loading && !prefs.data) return <main id="main" className="page"><h1>Settings</h1><Loading /></main>;
  if (prefs.error || !form || !prefs.data) {
    return <main id="main" className="page"><h1>Settings</h1><ErrorMessage error={prefs.error} onRetry={prefs.reload} /></main>;
  }
  const base = toForm(prefs.data);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm({ ...form, [k]: v });
  const fieldError = (k: string) =>
    fieldErrors[k] ? <span className="field-error" id={`err-${k}`} role="alert">{fieldErrors[k]}</span> : null;
  const described = (k: string) => (fieldErrors[k] ? { 'aria-invalid': true, 'aria-describedby': `err-${k}` } : {});

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    const patch = diff(base, form);
    setError(undefined);
    setFieldErrors({});
    setSaved('');
    if (!Object.keys(patch).length) {
      setSaved('Nothing to save.');
      return;
    }
    setSaving(true);
    try {
      const stored = await patchSettings(patch as Preferences);
      prefs.setData(() => stored);
      if (stored.theme) onTheme(stored.theme);
      setSaved('Settings saved.');
    } catch (err) {
      if (err instanceof ApiError && err.field) setFieldErrors({ [err.field]: err.message });
      else setError(err as Error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <main id="main" className="page">
      <h1>Settings</h1>
      <form className="settings" onSubmit={submit} noValidate>
        <fieldset>
          <legend>Music</legend>
          <label>
            Favourite genres <span className="hint">comma-separated</span>
            <input value={form.favoriteGenres} onChange={(e) => set('favoriteGenres', e.target.value)} {...described('favoriteGenres')} />
            {fieldError('favoriteGenres')}
          </label>
          <label>
            Disliked genres <span className="hint">comma-separated</span>
            <input value={form.dislikedGenres} onChange={(e) => set('dislikedGenres', e.target.value)} {...described('dislikedGenres')} />
            {fieldError('dislikedGenres')}
          </label>
          <label>
            Energy level <span className="hint">0 to 1</span>
            <input inputMode="decimal" value={form.energyLevel} onChange={(e) => set('energyLevel', e.target.value)} {...described('energyLevel')} />
            {fieldError('energyLevel')}
          </label>
          <label className="check">
            <input type="checkbox" checked={form.explicitContent} onChange={(e) => set('explicitContent', e.target.checked)} />
            Allow explicit content
          </label>
        </fieldset>
        <fieldset>
          <legend>Recommendations</legend>
          <label>
            Default strategy
            <select value={form.recommendationStrategy} onChange={(e) => set('recommendationStrategy', e.target.value)} {...described('recommendationStrategy')}>
              <option value="">(not set: hybrid)</option>
              {PREFERRED_STRATEGIES.map((s) => <option key={s} value={s}>{s.replace('_', ' ')}</option>)}
            </select>
            {fieldError('recommendationStrategy')}
          </label>
          <label>
            Diversity <span className="hint">0 to 1</span>
            <input inputMode="decimal" value={form.diversityWeight} onChange={(e) => set('diversityWeight', e.target.value)} {...described('diversityWeight')} />
            {fieldError('diversityWeight')}
          </label>
        </fieldset>
        <fieldset>
          <legend>Assistant</legend>
          <label>
            LLM provider
            <select value={form.llmProvider} onChange={(e) => set('llmProvider', e.target.value)} {...described('llmProvider')}>
              <option value="">(automatic)</option>
              {LLM_PROVIDERS.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
            {fieldError('llmProvider')}
          </label>
          <label>
            LLM model
            <input value={form.llmModel} onChange={(e) => set('llmModel', e.target.value)} {...described('llmModel')} />
            {fieldError('llmModel')}
          </label>
        </fieldset>
        <fieldset>
          <legend>Interface</legend>
          <label>
            Theme
            <select value={form.theme} onChange={(e) => set('theme', e.target.value)} {...described('theme')}>
              <option value="dark">dark</option>
              <option value="light">light</option>
            </select>
            {fieldError('theme')}
          </label>
          <label>
            Language <span className="hint">ISO 639-1, e.g. en</span>
            <input value={form.language} onChange={(e) => set('language', e.target.value)} {...described('language')} />
            {fieldError('language')}
          </label>
          <label className="check">
            <input type="checkbox" checked={form.emailNotifications} onChange={(e) => set('emailNotifications', e.target.checked)} />
            Email notifications
          </label>
        </fieldset>
        <ErrorMessage error={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={saving}>{saving ? 'Saving…' : 'Save settings'}</button>
          <span role="status" aria-live="polite" className="notice">{saved}</span>
        </div>
      </form>
    </main>
  );
}
