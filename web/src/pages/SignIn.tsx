import { useEffect, useState, type FormEvent } from 'react';
import { probe } from '../api/client';
import { signIn } from '../api/session';
import { ErrorNote, Notice } from '../components/States';
import { useI18n, type MessageKey } from '../i18n';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** Sign-in with an API key. The gateway has no "who am I" query, so the key is checked by
 * asking for what each kind of key may read: invoices (members) and watchlists
 * (risk:subscribe). */
export function SignIn({ onSignedIn, notice }: { onSignedIn: (key: string) => void; notice: MessageKey | null }) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  // While the user finds the key, fetch the dashboard's code (and its charts) ahead.
  useEffect(() => {
    void import('./Dashboard');
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = key.trim();
    setBusy(true);
    setCode(null);
    const [member, partner] = await Promise.all([
      probe(trimmed, '{ invoices(first: 1) { pageInfo { hasNextPage } } }'),
      probe(trimmed, '{ watchlists { id } }'),
    ]);
    setBusy(false);
    if (member && member !== 'FORBIDDEN' && member !== 'PERMISSION_DENIED') {
      setCode(member);
      return;
    }
    if (member && partner) {
      setCode('FORBIDDEN');
      return;
    }
    signIn(trimmed, { member: !member, partner: !partner });
    onSignedIn(trimmed);
  }

  return (
    <div className="signin-page">
      <div className="signin-lang">
        <LanguageSwitch />
      </div>
      <main id="main" className="signin-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </div>
        <p className="tagline">{t('app.tagline')}</p>
        <h1>{t('signin.title')}</h1>
        <p className="muted">{t('signin.intro')}</p>
        {notice && <Notice>{t(notice)}</Notice>}
        <form onSubmit={submit} className="stack">
          <div className="field">
            <label htmlFor="api-key">{t('signin.key')}</label>
            <input
              id="api-key"
              name="api-key"
              type="password"
              autoComplete="off"
              spellCheck={false}
              required
              value={key}
              onChange={(e) => setKey(e.target.value)}
              aria-describedby="api-key-help"
            />
            <small id="api-key-help" className="muted">
              {t('signin.keyHelp')}
            </small>
          </div>
          <ErrorNote code={code} />
          <button type="submit" className="button-primary" disabled={busy || !key.trim()}>
            {busy ? t('signin.checking') : t('signin.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
