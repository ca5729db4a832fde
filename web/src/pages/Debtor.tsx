import { useQuery } from 'urql';
import { getCaps } from '../api/session';
import { ScoreDial } from '../components/Level';
import { creditSentence, factorSentence } from '../components/Risk';
import { Empty, ErrorNote, Loading } from '../components/States';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { DebtorMemberQueryDoc, DebtorQueryDoc, ScoreHistoryChart, SectorPosition, type Company } from './debtorData';
import { DebtorSearch } from './Debtors';

export function Behaviour({ company }: { company: Company }) {
  const i = useI18n();
  const p = company.riskProfile;
  if (!p) return null;
  const count = p.invoiceCount ?? (p.invoiceCountBand.upper ? `${p.invoiceCountBand.lower}–${p.invoiceCountBand.upper}` : `${p.invoiceCountBand.lower}+`);
  return (
    <dl className="facts facts-grid">
      <div><dt>{i.t('debtor.avgDaysToPay')}</dt><dd>{i.t('common.days', { n: i.num(p.avgDaysToPay) })}</dd></div>
      <div><dt>{i.t('debtor.avgDaysLate')}</dt><dd>{i.t('common.days', { n: i.num(p.avgDaysLate) })}</dd></div>
      <div><dt>{i.t('debtor.daysBeyondTerms')}</dt><dd>{i.t('common.days', { n: i.num(p.daysBeyondTerms) })}</dd></div>
      <div><dt>{i.t('debtor.lateShare')}</dt><dd>{i.pct(p.lateShare)}</dd></div>
      <div><dt>{i.t('debtor.oldestOverdue')}</dt><dd>{p.oldestOverdueDays > 0 ? i.t('common.days', { n: i.num(p.oldestOverdueDays) }) : '—'}</dd></div>
      <div><dt>{i.t('debtor.suppliers')}</dt><dd>{i.num(p.supplierCount)}</dd></div>
      <div><dt>{i.t('debtor.invoices')}</dt><dd>{typeof count === 'number' ? i.num(count) : count}</dd></div>
    </dl>
  );
}

export function Factors({ company }: { company: Company }) {
  const i = useI18n();
  const factors = company.riskProfile?.factors ?? [];
  if (!factors.length) return <Empty>{i.t('debtor.factorsEmpty')}</Empty>;
  const most = Math.max(...factors.map((f) => Math.abs(f.points)), 1);
  return (
    <ul className="factors" data-testid="factors">
      {factors.map((f) => (
        <li key={f.reason}>
          <span className="factor-text">{factorSentence(i, f)}</span>
          <span className="factor-bar" aria-hidden="true">
            <span style={{ width: `${(Math.abs(f.points) / most) * 100}%` }} className={f.points < 0 ? 'negative' : ''} />
          </span>
          <span className="factor-points num">{i.t('common.points', { n: (f.points > 0 ? '+' : '') + i.num(f.points) })}</span>
        </li>
      ))}
    </ul>
  );
}

function MemberSections({ vat }: { vat: string }) {
  const i = useI18n();
  const { t, money } = i;
  const [{ data, fetching, error }] = useQuery({ query: DebtorMemberQueryDoc, variables: { vat } });
  if (fetching && !data) return <Loading />;
  if (error && !data) return <ErrorNote error={error} />;
  if (!data) return null;
  const numbers = new Map(data.invoices.nodes.map((n) => [n.id, n.invoiceNumber]));
  const plan = data.company.actionPlan;
  const predicted = data.company.predictedPayments;
  return (
    <>
      <section className="card" aria-labelledby="plan-h" data-testid="action-plan">
        <h2 id="plan-h">{t('debtor.plan')}</h2>
        {!plan || plan.invoices.length === 0 ? (
          <Empty>{t('debtor.planEmpty')}</Empty>
        ) : (
          <>
            {plan.reminder && (
              <div className="callout">
                <strong>{t('debtor.reminder')}: {t(`step.${plan.reminder.step}`)}</strong>
                <dl className="facts facts-inline">
                  <div><dt>{t('col.outstanding')}</dt><dd>{money(plan.reminder.outstanding)}</dd></div>
                  <div><dt>{t('debtor.interest')}</dt><dd data-testid="plan-interest">{money(plan.reminder.lateInterest)}</dd></div>
                  <div><dt>{t('debtor.compensation')}</dt><dd data-testid="plan-compensation">{money(plan.reminder.compensation)}</dd></div>
                </dl>
              </div>
            )}
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('col.number')}</th>
                  <th scope="col">{t('col.due')}</th>
                  <th scope="col" className="num">{t('col.outstanding')}</th>
                  <th scope="col" className="num">{t('debtor.daysOverdue')}</th>
                  <th scope="col">{t('debtor.step')}</th>
                  <th scope="col" className="num">{t('debtor.interest')}</th>
                  <th scope="col" className="num">{t('debtor.compensation')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.invoices.map((p) => (
                  <tr key={p.invoiceId}>
                    <td>{numbers.get(p.invoiceId) ?? '—'}</td>
                    <td className="nowrap">{i.date(p.dueDate)}</td>
                    <td className="num">{money(p.outstanding)}</td>
                    <td className="num">{p.daysOverdue > 0 ? i.num(p.daysOverdue) : '—'}</td>
                    <td>
                      {t(`step.${p.step}`)}
                      {p.nextStep && p.nextStepDate && (
                        <div className="muted small">{t('debtor.nextStep', { step: t(`step.${p.nextStep}`), date: i.date(p.nextStepDate) })}</div>
                      )}
                    </td>
                    <td className="num">
                      {money(p.lateInterest)}
                      <div className="muted small">{t('debtor.rate', { rate: i.num(p.interestRate, 2) })}</div>
                    </td>
                    <td className="num">{money(p.compensation)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">{plan.law}</p>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="pred-h" data-testid="predicted">
        <h2 id="pred-h">{t('debtor.predicted')}</h2>
        {predicted.length === 0 ? (
          <Empty>{t('debtor.predictedEmpty')}</Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('col.number')}</th>
                <th scope="col">{t('col.due')}</th>
                <th scope="col" className="num">{t('col.outstanding')}</th>
                <th scope="col">{t('debtor.expected')}</th>
              </tr>
            </thead>
            <tbody>
              {predicted.map((p) => (
                <tr key={p.invoiceId}>
                  <td>{numbers.get(p.invoiceId) ?? '—'}</td>
                  <td className="nowrap">{i.date(p.dueDate)}</td>
                  <td className="num">{money(p.outstanding)}</td>
                  <td>
                    <strong>{i.date(p.expected)}</strong>
                    <div className="muted small">{t('debtor.between', { early: i.date(p.early), late: i.date(p.late) })}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

export default function Debtor({ vat }: { vat: string }) {
  const i = useI18n();
  const { t } = i;
  const [{ data, fetching, error }, refetch] = useQuery({ query: DebtorQueryDoc, variables: { vat } });
  const caps = getCaps();
  const c = data?.company;
  return (
    <div className="page" data-testid="debtor">
      <details className="search-inline">
        <summary>{t('debtors.search')}</summary>
        <DebtorSearch />
      </details>
      {fetching && !c ? (
        <Loading />
      ) : error && !c ? (
        <ErrorNote error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : c ? (
        <>
          <div className="page-head">
            <div>
              <h1>{c.name || t('debtor.unknownName')}</h1>
              <p className="muted">
                <span className="mono">{c.vat}</span> · {c.country}
                {c.sector ? ` · NACE ${c.sector}` : ''}
              </p>
            </div>
            <Link to={`/report/${c.vat}`} className="button">{t('debtor.report')}</Link>
          </div>
          {!c.riskProfile ? (
            <Empty>{t('debtor.notScored')}</Empty>
          ) : (
            <>
              <div className="grid-score">
                <section className="card score-card" aria-labelledby="score-h">
                  <h2 id="score-h">{t('debtor.score')}</h2>
                  <ScoreDial score={c.riskProfile.score} level={c.riskProfile.level} />
                  <p className="center">
                    {t('debtor.trend')}: <strong data-testid="trend">{t(`trend.${c.riskProfile.trend}`)}</strong>
                  </p>
                  <p className="muted small center">
                    {t(`confidence.${c.riskProfile.confidence}`)} · {t('common.asOf', { date: i.date(c.riskProfile.asOf) })}
                  </p>
                </section>
                <section className="card" aria-labelledby="factors-h">
                  <h2 id="factors-h">{t('debtor.factors')}</h2>
                  <Factors company={c} />
                </section>
              </div>
              <div className="grid-2">
                <section className="card" aria-labelledby="history-h" data-testid="history">
                  <h2 id="history-h">{t('debtor.history')}</h2>
                  <ScoreHistoryChart company={c} />
                </section>
                <section className="card" aria-labelledby="behaviour-h">
                  <h2 id="behaviour-h">{t('debtor.behaviour')}</h2>
                  <Behaviour company={c} />
                  <h3>{t('debtor.credit')}</h3>
                  <p data-testid="credit-limit">{creditSentence(i, c.creditLimit, c.riskProfile.level)}</p>
                </section>
              </div>
              <section className="card" aria-labelledby="sector-h">
                <h2 id="sector-h">{t('debtor.sector')}</h2>
                <SectorPosition company={c} />
              </section>
            </>
          )}
          {caps.member && <MemberSections vat={c.vat} />}
        </>
      ) : null}
    </div>
  );
}
