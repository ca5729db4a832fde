import { useQuery } from 'urql';
import { LevelBadge } from '../components/Level';
import { creditSentence } from '../components/Risk';
import { Empty, ErrorNote, Loading } from '../components/States';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { Behaviour, Factors } from './Debtor';
import { DebtorQueryDoc, ScoreHistoryChart, SectorPosition } from './debtorData';

/** The credit report ("kredietrapport"): one page a credit committee can file; print CSS
 * hides the app around it, and the browser's print saves it as PDF. */
export default function Report({ vat }: { vat: string }) {
  const i = useI18n();
  const { t } = i;
  const [{ data, fetching, error }] = useQuery({ query: DebtorQueryDoc, variables: { vat } });
  const c = data?.company;
  if (fetching && !c) return <Loading />;
  if (error && !c) return <ErrorNote error={error} />;
  if (!c) return null;
  const p = c.riskProfile;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="page report" data-testid="report">
      <div className="no-print report-tools">
        <Link to={`/debtors/${c.vat}`}>← {t('report.back')}</Link>
        <button type="button" className="button-primary" onClick={() => window.print()}>{t('report.print')}</button>
      </div>
      <article className="report-sheet">
        <header className="report-head">
          <div>
            <p className="report-kicker">{t('app.name')} · {t('report.title')}</p>
            <h1>{c.name || t('debtor.unknownName')}</h1>
          </div>
          <p className="muted">{t('report.made', { date: i.date(today) })}</p>
        </header>
        <section>
          <h2>{t('report.identity')}</h2>
          <dl className="facts facts-grid">
            <div><dt>{t('report.name')}</dt><dd>{c.name || '—'}</dd></div>
            <div><dt>{t('col.vat')}</dt><dd className="mono">{c.vat}</dd></div>
            <div><dt>{t('report.country')}</dt><dd>{c.country}</dd></div>
            <div><dt>{t('col.sector')}</dt><dd>{c.sector ? `NACE ${c.sector}` : '—'}</dd></div>
            <div>
              <dt>{t('report.status')}</dt>
              <dd>{p ? t('report.statusScored', { confidence: t(`confidence.${p.confidence}`) }) : t('report.statusNone')}</dd>
            </div>
          </dl>
        </section>
        {p ? (
          <>
            <section className="report-score">
              <h2>{t('debtor.score')}</h2>
              <p className="report-score-line">
                <LevelBadge level={p.level} score={p.score} /> <span>{t('debtor.scoreOf', { score: p.score })}</span> ·{' '}
                {t('debtor.trend')}: {t(`trend.${p.trend}`)} · {t('common.asOf', { date: i.date(p.asOf) })}
              </p>
              <h3>{t('debtor.factors')}</h3>
              <Factors company={c} />
            </section>
            <section>
              <h2>{t('debtor.behaviour')}</h2>
              <Behaviour company={c} />
            </section>
            <section className="avoid-break">
              <h2>{t('debtor.history')}</h2>
              <ScoreHistoryChart company={c} height={200} />
            </section>
            <section className="avoid-break">
              <h2>{t('report.position')}</h2>
              <SectorPosition company={c} />
            </section>
            <section>
              <h2>{t('debtor.credit')}</h2>
              <p data-testid="report-credit">{creditSentence(i, c.creditLimit, p.level)}</p>
            </section>
          </>
        ) : (
          <Empty>{t('debtor.notScored')}</Empty>
        )}
        <footer className="muted small">{t('report.source')}</footer>
      </article>
    </div>
  );
}
