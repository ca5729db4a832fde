import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { LevelBadge } from '../components/Level';
import { Empty, ErrorNote, Loading } from '../components/States';
import { useI18n } from '../i18n';
import { Link } from '../router';

const SearchQuery = graphql(`
  query SearchCompanies($q: String!) {
    searchCompanies(query: $q, first: 20) {
      vat
      country
      name
      sector
      riskProfile { score level }
    }
  }
`);

export function DebtorSearch({ autoFocus = false }: { autoFocus?: boolean }) {
  const { t } = useI18n();
  const [text, setText] = useState(() => new URLSearchParams(window.location.search).get('q') ?? '');
  const [q, setQ] = useState(text.trim());
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const [{ data, fetching, error }] = useQuery({ query: SearchQuery, variables: { q }, pause: q.length < 2 });
  const found = data?.searchCompanies ?? [];
  return (
    <div className="stack">
      <form role="search" onSubmit={(e) => { e.preventDefault(); setQ(text.trim()); }} className="search-row">
        <label htmlFor="debtor-search" className="visually-hidden">{t('debtors.search')}</label>
        <input
          id="debtor-search"
          type="search"
          placeholder={t('debtors.placeholder')}
          value={text}
          autoFocus={autoFocus}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button-primary">{t('common.search')}</button>
      </form>
      {q.length < 2 ? (
        <p className="muted">{t('debtors.hint')}</p>
      ) : fetching && !data ? (
        <Loading />
      ) : error ? (
        <ErrorNote error={error} />
      ) : found.length === 0 ? (
        <Empty>{t('debtors.none', { q })}</Empty>
      ) : (
        <table className="table" data-testid="search-results">
          <thead>
            <tr>
              <th scope="col">{t('col.debtor')}</th>
              <th scope="col">{t('col.vat')}</th>
              <th scope="col">{t('col.sector')}</th>
              <th scope="col">{t('col.score')}</th>
            </tr>
          </thead>
          <tbody>
            {found.map((c) => (
              <tr key={c.vat}>
                <td><Link to={`/debtors/${c.vat}`}>{c.name || t('debtor.unknownName')}</Link></td>
                <td className="mono">{c.vat}</td>
                <td>{c.sector ?? '—'}</td>
                <td>{c.riskProfile ? <LevelBadge level={c.riskProfile.level} score={c.riskProfile.score} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export default function Debtors() {
  const { t } = useI18n();
  return (
    <div className="page">
      <div className="page-head"><h1>{t('debtors.title')}</h1></div>
      <section className="card">
        <h2>{t('debtors.search')}</h2>
        <DebtorSearch autoFocus />
      </section>
    </div>
  );
}
