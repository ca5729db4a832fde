import { Suspense, lazy, useCallback, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { makeClient } from './api/client';
import { getCaps, getKey, signOut, type Capabilities } from './api/session';
import { Loading } from './components/States';
import { LanguageSwitch } from './components/LanguageSwitch';
import { useI18n, type MessageKey } from './i18n';
import { Link, navigate, usePath } from './router';
import { SignIn } from './pages/SignIn';

const Dashboard = lazy(() => import('./pages/Dashboard'));
const Debtors = lazy(() => import('./pages/Debtors'));
const Debtor = lazy(() => import('./pages/Debtor'));
const Report = lazy(() => import('./pages/Report'));
const Invoices = lazy(() => import('./pages/Invoices'));
const Upload = lazy(() => import('./pages/Upload'));
const Imports = lazy(() => import('./pages/Imports'));
const Partners = lazy(() => import('./pages/Partners'));

function Page({ path, caps }: { path: string; caps: Capabilities }) {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0] ?? '') {
    case '':
      return caps.member ? <Dashboard /> : <Partners />;
    case 'debtors':
      return parts[1] ? <Debtor vat={parts[1]} /> : <Debtors />;
    case 'report':
      return <Report vat={parts[1] ?? ''} />;
    case 'invoices':
      return <Invoices />;
    case 'upload':
      return <Upload />;
    case 'imports':
      return <Imports />;
    case 'partners':
      return <Partners />;
    default:
      return caps.member ? <Dashboard /> : <Partners />;
  }
}

export function App() {
  const { t } = useI18n();
  const path = usePath();
  const [key, setKey] = useState<string | null>(getKey);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const leave = useCallback((why: MessageKey) => {
    signOut();
    setKey(null);
    setNotice(why);
  }, []);
  const api = useMemo(() => (key ? makeClient(key, () => leave('signin.expired')) : null), [key, leave]);

  if (!key || !api) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(k) => {
          setNotice(null);
          setKey(k);
          navigate('/');
        }}
      />
    );
  }
  const caps = getCaps();
  const nav: { to: string; label: MessageKey; show: boolean }[] = [
    { to: '/', label: 'nav.dashboard', show: caps.member },
    { to: '/debtors', label: 'nav.debtors', show: true },
    { to: '/invoices', label: 'nav.invoices', show: caps.member },
    { to: '/upload', label: 'nav.upload', show: caps.member },
    { to: '/imports', label: 'nav.imports', show: caps.member },
    { to: '/partners', label: 'nav.partners', show: caps.partner },
  ];
  const section = '/' + (path.split('/')[1] ?? '');
  return (
    <Provider value={api.client}>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.main')} className="mainnav">
          {nav
            .filter((n) => n.show)
            .map((n) => (
              <Link key={n.to} to={n.to} aria-current={section === n.to || (n.to === '/debtors' && section === '/report') ? 'page' : undefined}>
                {t(n.label)}
              </Link>
            ))}
        </nav>
        <div className="topbar-tools">
          <LanguageSwitch />
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              api.ws.dispose();
              leave('signin.signedOut');
            }}
          >
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Page path={path} caps={caps} />
        </Suspense>
      </main>
    </Provider>
  );
}
